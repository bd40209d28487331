"""Rewrite the machine paths recorded in committed results to repo-relative ones; numbers are left as they are.

A path such as `/tmp/frozen44/obd_nb/teachers/X.pt` or `/work/main/obd_runs/distill/...` becomes `obd_nb/teachers/X.pt`
or `obd_runs/distill/...` (see `_common.repo_path`); a path with no repo-relative form (`/tmp/site`) is kept. The files
are edited as text, so only the path strings change; `--check` lists what would change and writes nothing.
Run it after adding results made by the library's own commands (`obd_study`, `obd_run`, `obd_qreport`), which record
absolute paths: `python benchmarks/scrub_paths.py`.
"""
import argparse, json
from pathlib import Path
from _common import ABS_PATH, RESULTS

TEXT = ('.json', '.md', '.txt', '.csv', '.jsonl')


def scrub_text(s:str)->str:
    "`s` with every absolute path into the repository's top folders made repo-relative."
    return ABS_PATH.sub('', s)


def same_but_paths(a, b)->bool:
    "Whether the JSON values `a` (before) and `b` (after) differ only where a string held a path that `scrub_text` rewrites."
    if isinstance(a, dict):
        return isinstance(b, dict) and list(a) == list(b) and all(same_but_paths(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(same_but_paths(x, y) for x, y in zip(a, b))
    if isinstance(a, str):
        return isinstance(b, str) and scrub_text(a) == b
    return type(a) is type(b) and (a == b or a != a and b != b)  # numbers, bools and None unchanged (NaN too)


def scrub(root:Path, check:bool=False)->list[Path]:
    "Scrub every text file under `root`; returns the files changed (or that would change, with `check`)."
    changed = []
    for f in sorted(root.rglob('*')):
        if not f.is_file() or f.suffix not in TEXT:
            continue
        old = f.read_bytes().decode()  # bytes: line endings kept as they are
        new = scrub_text(old)
        if new == old:
            continue
        if f.suffix == '.json' and not same_but_paths(json.loads(old), json.loads(new)):
            raise SystemExit(f'{f}: scrubbing would change more than path strings; left as it is.')
        changed.append(f)
        if not check:
            f.write_bytes(new.encode())
    return changed


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--root', default=str(RESULTS), help='folder to scrub (default: benchmarks/results)')
    ap.add_argument('--check', action='store_true', help='list the files that hold machine paths; write nothing')
    a = ap.parse_args()
    files = scrub(Path(a.root), a.check)
    print(f"{len(files)} files {'hold machine paths' if a.check else 'scrubbed'}" + ''.join(f'\n  {f}' for f in files[:20])
          + (f'\n  ... and {len(files)-20} more' if len(files) > 20 else ''))
