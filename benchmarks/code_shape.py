"""The shape of the code at two git revisions, side by side: what a reader of the library and the notebooks meets.

For each revision: exported lines (obd_nb/*.py without the generated index), lines over 120 characters, statements
joined by `;`, `@patch`ed methods, notebooks and their total and largest size, README size, and the fields of
`DistillConfig` and `StudyConfig`. Reads the revisions with `git show`; changes nothing.

    python benchmarks/code_shape.py [--before a0158ba] [--after WORKTREE] [--out benchmarks/results/code_shape.md]
"""
import argparse, ast, io, json, subprocess, tokenize
from pathlib import Path
from obd_nb.core import format_table

ap = argparse.ArgumentParser()
ap.add_argument('--before', default='a0158ba'); ap.add_argument('--after', default='WORKTREE')
ap.add_argument('--out', default='benchmarks/results/code_shape.md')
args = ap.parse_args()
ROOT = Path(__file__).resolve().parent.parent


def files(rev: str, pattern: str) -> dict:
    "The files matching `pattern` (a folder and a suffix) at `rev` ('WORKTREE': the working tree), name -> text."
    folder, suffix = pattern.split('*')
    if rev == 'WORKTREE': return {p.name: p.read_text() for p in sorted((ROOT/folder).glob('*' + suffix))}
    names = subprocess.run(['git', 'ls-tree', '--name-only', rev, folder], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.split()
    return {Path(n).name: subprocess.run(['git', 'show', f'{rev}:{n}'], cwd=ROOT, capture_output=True, text=True,
                                         check=True).stdout for n in names if n.endswith(suffix)}


def shape(rev: str) -> dict:
    py = {k: v for k, v in files(rev, 'obd_nb/*.py').items() if k != '_modidx.py'}
    code = [l for v in py.values() for l in v.split('\n') if l.strip() and not l.startswith('# %%')]
    semis = sum(t.type == tokenize.OP and t.string == ';' for v in py.values()
                for t in tokenize.generate_tokens(io.StringIO(v).readline))
    patched = sum(isinstance(n, ast.FunctionDef) and any(getattr(d, 'id', None) == 'patch' for d in n.decorator_list)
                  for v in py.values() for n in ast.walk(ast.parse(v)))
    nbs = {k: len(v.encode()) for k, v in files(rev, 'nbs/*.ipynb').items()}
    distill = ast.parse(py['distill.py'])
    cfg = next(n for n in ast.walk(distill) if isinstance(n, ast.ClassDef) and n.name == 'DistillConfig')
    study = ast.parse(py['study.py'])
    scfg = next(n for n in ast.walk(study) if isinstance(n, ast.ClassDef) and n.name == 'StudyConfig')
    readme = ((ROOT/'README.md').read_text() if rev == 'WORKTREE' else
              subprocess.run(['git', 'show', f'{rev}:README.md'], cwd=ROOT, capture_output=True, text=True).stdout)
    return {'exported lines (non-blank)': len(code), 'lines over 120 characters': sum(len(l) > 120 for l in code),
            'statements joined by ;': semis, '@patch methods': patched, 'notebooks': len(nbs),
            'notebooks, KB in all': round(sum(nbs.values()) / 1024), 'largest notebook': max(nbs, key=nbs.get),
            'largest notebook, KB': round(max(nbs.values()) / 1024),
            'notebooks over 300 KB': sum(v > 300 * 1024 for v in nbs.values()),
            'README.md, KB': round(len(readme.encode()) / 1024, 1),
            'DistillConfig fields': sum(isinstance(n, ast.AnnAssign) for n in cfg.body),
            'StudyConfig fields': sum(isinstance(n, ast.AnnAssign) for n in scfg.body)}


b, a = shape(args.before), shape(args.after)
rows = [dict(measure=k, before=b[k], after=a[k]) for k in b]
cmd = f'python benchmarks/code_shape.py --before {args.before} --after {args.after}'
md = f'`{cmd}` (before: {args.before}; after: {args.after})\n\n{format_table(rows)}\n'
Path(args.out).write_text(md)
print(md)
