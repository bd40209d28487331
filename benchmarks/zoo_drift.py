"""Are the zoo datasets built on this machine the ones the committed results were made on?

The zoo builds its datasets on each machine (`obd_collect`, `obd_zoo --build_all`), and `benchmarks/results/zoo.json`
holds the table of an earlier build (`obd_zoo --build_all --out benchmarks/results/zoo.json`). This script sets each
dataset built here beside its committed row (episodes, mean return, normalized score) and says which match (and the mean return's
relative difference), with the versions of the packages here; then builds one small dataset again in a scratch folder
(`--rebuild`) to tell a build that differs on this machine from one that differs across machines or packages; last,
each dataset's fingerprint here beside those the study's cells recorded (`data` in each cell file under `--study`),
so a reader sees which cells were made on the very data built here. The CPU's model and vector extensions are
printed with the package versions (`versions()`): a build follows them.

    python benchmarks/zoo_drift.py [--committed benchmarks/results/zoo.json] [--out benchmarks/results/zoo_drift.md]
        [--study benchmarks/results/study_paper_learner]
"""
import argparse, collections, json, os, subprocess, sys, tempfile
from pathlib import Path
from obd_nb.core import format_table, versions
from obd_nb.data import dataset_path
from obd_nb.zoo import zoo_row, zoo_id
from _common import RESULTS

ap = argparse.ArgumentParser()
ap.add_argument('--rebuild', default='hopper medium-replay', help="ENV QUALITY: built again in a scratch folder, "
                "its fingerprint set beside the one here (same machine, same packages); '' for none")
ap.add_argument('--committed', default=str(RESULTS/'zoo.json')); ap.add_argument('--out', default=str(RESULTS/'zoo_drift.md'))
ap.add_argument('--study', default=str(RESULTS/'study_paper_learner'), help="the study's cell files, with their data records")
args = ap.parse_args()

rows = []
for old in json.loads(Path(args.committed).read_text()):
    d = old['dataset']
    if not dataset_path(d).exists():
        rows.append(dict(dataset=d, episodes='-', committed_episodes=old['episodes'], mean_return='-',
                         committed_mean_return=f"{old['mean_return']:.1f}", score='-',
                         committed_score=f"{old['score']:.1f}", same='not built here', mean_return_rel_diff='-')); continue
    now = zoo_row(d)
    same = now['episodes'] == old['episodes'] and abs(now['mean_return'] - old['mean_return']) < 1e-6
    rows.append(dict(dataset=d, episodes=now['episodes'], committed_episodes=old['episodes'],
                     mean_return=f"{now['mean_return']:.1f}", committed_mean_return=f"{old['mean_return']:.1f}",
                     score=f"{now['score']:.1f}", committed_score=f"{old['score']:.1f}", same='yes' if same else 'no',
                     mean_return_rel_diff=f"{abs(now['mean_return'] - old['mean_return'])/abs(old['mean_return']):.1e}"))
FP = ("import sys; from obd_nb.study import data_record; from obd_nb.data import load_transitions; "
      "print(data_record(load_transitions(sys.argv[1], download=False))['fingerprint'])")

def data_fingerprint(did:str, extra:dict|None=None)->str:
    "The fingerprint of dataset `did` as a fresh process loads it (with `extra` environment variables: another Minari folder)."
    return subprocess.run([sys.executable, '-c', FP, did], env={**os.environ, **(extra or {})}, check=True,
                          capture_output=True, text=True).stdout.strip()

def rebuilt(env:str, quality:str)->str:
    "A line: the dataset here and the same one built again in a scratch folder, by fingerprint."
    did = zoo_id(env, quality)
    fp = lambda extra: data_fingerprint(did, extra)
    with tempfile.TemporaryDirectory() as tmp:
        scratch = dict(MINARI_DATASETS_PATH=tmp)
        subprocess.run(['obd_collect', env, quality, '--quiet'], env={**os.environ, **scratch}, check=True, capture_output=True)
        a, b = fp({}), fp(scratch)
    return f"{did} built again here: fingerprint {b} against {a} ({'the same' if a == b else 'different'})."

def recorded(study:Path)->list[dict]:
    "Per dataset the study's cells recorded data for: the fingerprint of the build here, and each recorded fingerprint with its count of cells."
    seen = collections.defaultdict(collections.Counter)
    for p in sorted(study.rglob('*.json')):
        r = json.loads(p.read_text())
        if isinstance(r, dict) and r.get('data'): seen[r['dataset_id']][r['data']['fingerprint']] += 1
    out = []
    for d, fps in seen.items():
        here = data_fingerprint(d) if dataset_path(d).exists() else '-'
        out.append(dict(dataset=d, here=here, cells=', '.join(f"{f} x{n}{' (= here)' if f == here else ''}" for f, n in fps.items())))
    return out

again = rebuilt(*args.rebuild.split()) if args.rebuild and dataset_path(zoo_id(*args.rebuild.split())).exists() else ''
text = (f"`python benchmarks/zoo_drift.py`: the zoo's datasets built here beside `{Path(args.committed).name}` (an earlier "
        f"build); packages here: {', '.join(f'{k} {v}' for k, v in versions().items())}\n\n{format_table(rows)}\n" + (f"\n{again}\n" if again else ''))
if (rec := recorded(Path(args.study))):
    text += (f"\nThe fingerprint of each dataset built here beside those the cells under `{Path(args.study).name}` recorded "
             f"(x: how many cells):\n\n{format_table(rec)}\n")
Path(args.out).write_text(text)
print(text)
