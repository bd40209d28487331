"""How many times one `obd_run` reads each checkpoint file: the teacher (pi*/Q*) should be read once per stage that
needs a fresh copy, not once per helper that asks about it.

Runs `obd_run --quick` (a smoke run of every stage) in a fresh run folder, in this process, counting the calls of
`torch.load` per file name, and writes the counts.

    python benchmarks/teacher_loads.py [--dataset obd/halfcheetah/medium-replay-v0] [--out benchmarks/results/teacher_loads.md]
"""
import argparse, collections, tempfile
from pathlib import Path
from unittest import mock
import torch
from obd_nb.core import format_table
from obd_nb.cli import obd_run

ap = argparse.ArgumentParser()
ap.add_argument('--dataset', default='obd/halfcheetah/medium-replay-v0')
ap.add_argument('--out', default='benchmarks/results/teacher_loads.md')
args = ap.parse_args()
torch.set_num_threads(1)
loads, real_load = collections.Counter(), torch.load

def counted(f, *a, **k):
    loads[Path(f).name if isinstance(f, (str, Path)) else type(f).__name__] += 1
    return real_load(f, *a, **k)

with tempfile.TemporaryDirectory() as tmp, mock.patch.object(torch, 'load', counted):
    obd_run.__wrapped__(dataset=args.dataset, quick=True, out=str(Path(tmp)/'runs'), quiet=True)
rows = [dict(file=k, loads=v) for k, v in sorted(loads.items())]
md = (f'`python benchmarks/teacher_loads.py --dataset {args.dataset}` (`obd_run --quick`, a fresh run folder; '
      f'calls of torch.load per file name; the shipped teacher is the file named after the dataset)\n\n'
      f'{format_table(rows)}\n\nBefore `checkpoint_meta` and the loaded teacher passed down (commit 978f53e), the same '
      f'run read the teacher 4 times: `shipped_teacher`, `teacher_summary`, `load_qstar` (distillation) and '
      f'`load_actor` (pi*\'s score).\n')
Path(args.out).write_text(md)
print(md)
