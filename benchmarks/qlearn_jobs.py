"""Q-learning on two datasets: one process after the other (`jobs=1`) against two processes at once (`jobs=2`), both
timed in this run, one torch thread per process. Scratch checkpoints go to a temporary folder.

    python benchmarks/qlearn_jobs.py [--datasets obd/hopper/medium-replay-v0,obd/halfcheetah/medium-replay-v0] [--steps 2000]
"""
import argparse, tempfile, time
from pathlib import Path
import torch
from obd_nb.qlearn import pretrain_many

ap = argparse.ArgumentParser()
ap.add_argument('--datasets', default='obd/hopper/medium-replay-v0,obd/halfcheetah/medium-replay-v0')
ap.add_argument('--steps', type=int, default=2000); ap.add_argument('--algo', default='td3bc')
ap.add_argument('--out', default='benchmarks/results/qlearn_jobs.txt')
args = ap.parse_args(); torch.set_num_threads(1); ds = args.datasets.split(',')
times = {}
for jobs in (1, 2):
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.time()
        pretrain_many(ds, args.algo, jobs, out=tmp, steps=args.steps, eval_every=args.steps, eval_episodes=1, quiet=True)
        times[jobs] = time.time() - t0
lines = [f'{args.algo}, {args.steps} steps on each of {len(ds)} datasets ({", ".join(ds)}), one torch thread per process:',
         *(f'  jobs={j}: {s:.1f} s wall' for j, s in times.items()), f'  jobs=2 is {times[1]/times[2]:.2f}x faster than jobs=1']
print('\n'.join(lines)); Path(args.out).write_text('\n'.join(lines)+'\n')
