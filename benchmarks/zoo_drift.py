"""Are the zoo datasets built on this machine the ones the committed results were made on?

The zoo builds its datasets on each machine (`obd_collect`, `obd_zoo --build_all`), and `benchmarks/results/zoo.json`
holds the table of an earlier build (`obd_zoo --build_all --out benchmarks/results/zoo.json`). This script sets each
dataset built here beside its committed row (episodes, mean return, normalized score) and says which match, with the
versions of the packages here. Only reads: datasets not built here are listed as such.

    python benchmarks/zoo_drift.py [--committed benchmarks/results/zoo.json] [--out benchmarks/results/zoo_drift.md]
"""
import argparse, json
from pathlib import Path
from obd_nb.core import format_table, versions
from obd_nb.data import dataset_path
from obd_nb.zoo import zoo_row
from _common import RESULTS

ap = argparse.ArgumentParser()
ap.add_argument('--committed', default=str(RESULTS/'zoo.json')); ap.add_argument('--out', default=str(RESULTS/'zoo_drift.md'))
args = ap.parse_args()

rows = []
for old in json.loads(Path(args.committed).read_text()):
    d = old['dataset']
    if not dataset_path(d).exists():
        rows.append(dict(dataset=d, episodes='-', committed_episodes=old['episodes'], mean_return='-',
                         committed_mean_return=f"{old['mean_return']:.1f}", score='-',
                         committed_score=f"{old['score']:.1f}", same='not built here')); continue
    now = zoo_row(d)
    same = now['episodes'] == old['episodes'] and abs(now['mean_return'] - old['mean_return']) < 1e-6
    rows.append(dict(dataset=d, episodes=now['episodes'], committed_episodes=old['episodes'],
                     mean_return=f"{now['mean_return']:.1f}", committed_mean_return=f"{old['mean_return']:.1f}",
                     score=f"{now['score']:.1f}", committed_score=f"{old['score']:.1f}", same='yes' if same else 'no'))
text = (f"`python benchmarks/zoo_drift.py`: the zoo's datasets built here beside `{Path(args.committed).name}` (an earlier "
        f"build); packages here: {', '.join(f'{k} {v}' for k, v in versions().items())}\n\n{format_table(rows)}\n")
Path(args.out).write_text(text)
print(text)
