"""Is the 'BC on all of the data' baseline trained long enough? Its learning curve, several policies a point.

Every "x BC" ratio of the study divides by this baseline, and the paper trains it until it converges (25k-125k steps).
For each dataset this script trains `--seeds` BC policies on all of the data (`obd_bc`'s learner: the paper's net, Adam
lr 1e-3, batch 256) to `--steps`, evaluating each every `--every` steps with `--episodes` deterministic episodes, and
writes the curve (the mean over policies at each point, and each policy's score) and where it flattens: the first
point from which every later mean lies within `--tolerance` normalized points of the mean of the last half.

    python benchmarks/bc_convergence.py [--datasets ...] [--seeds 3] [--steps 50000] [--every 5000] [--episodes 5]
        [--out benchmarks/results/bc_convergence]

Checkpoints go under obd_runs/bc_convergence/ (a stopped run resumes); one JSON per dataset, written as it finishes.
One process, one torch thread.
"""
import argparse, json
from pathlib import Path
import numpy as np, torch
from obd_nb.core import format_table, load_checkpoint, dataset_slug
from obd_nb.data import load_transitions, dataset_path
from obd_nb.qlearn import pretrain
from _common import NINE

ap = argparse.ArgumentParser()
ap.add_argument('--datasets', default=','.join(NINE)); ap.add_argument('--seeds', type=int, default=3)
ap.add_argument('--steps', type=int, default=50_000); ap.add_argument('--every', type=int, default=5_000)
ap.add_argument('--episodes', type=int, default=5); ap.add_argument('--tolerance', type=float, default=5.)
ap.add_argument('--runs', default='obd_runs/bc_convergence'); ap.add_argument('--out', default='benchmarks/results/bc_convergence')
args = ap.parse_args()
torch.set_num_threads(1)
out = Path(args.out)
out.mkdir(parents=True, exist_ok=True)

def flat_from(steps, means, tol):
    "The first step from which every mean is within `tol` of the mean of the last half of the curve."
    ref = np.mean(means[len(means)//2:])
    for i in range(len(means)):
        if all(abs(m - ref) <= tol for m in means[i:]): return steps[i]
    return None

rows = []
for did in args.datasets.split(','):
    if not dataset_path(did).exists():
        print(f'{did}: not built here, skipped', flush=True)
        continue
    t = load_transitions(did, download=False)
    curves = []
    for seed in range(args.seeds):
        path = pretrain(t, 'bc', Path(args.runs)/f'seed{seed}', quiet=True, steps=args.steps, seed=seed,
                        eval_every=args.every, eval_episodes=args.episodes)
        curves.append(load_checkpoint(path)[1]['curve'])
    steps = [p['step'] for p in curves[0]]
    scores = np.array([[p['score'] for p in c] for c in curves])  # (seeds, points)
    means = scores.mean(0)
    res = dict(dataset=did, steps=steps, mean=means.tolist(), policies=scores.tolist(), seeds=args.seeds, episodes=args.episodes,
               flat_from=flat_from(steps, list(means), args.tolerance), tolerance=args.tolerance,
               last_half_mean=float(np.mean(means[len(means)//2:])), at_10k=float(means[steps.index(10_000)]) if 10_000 in steps else None)
    (out/f'{dataset_slug(did)}.json').write_text(json.dumps(res, indent=1))
    rows.append({k: res[k] for k in ('dataset', 'at_10k', 'last_half_mean', 'flat_from')} | dict(final=float(means[-1])))
    print(rows[-1], flush=True)

cmd = (f'python benchmarks/bc_convergence.py --datasets {args.datasets} --seeds {args.seeds} --steps {args.steps} '
       f'--every {args.every} --episodes {args.episodes}')
md = format_table([{k: (f'{v:.1f}' if isinstance(v, float) else v) for k, v in r.items()} for r in rows])
(out/'README.md').write_text(f'`{cmd}` ({args.seeds} BC policies per dataset, each scored with {args.episodes} episodes every '
                             f'{args.every} steps; flat_from: the first step from which the mean stays within {args.tolerance} '
                             f'points of the last half\'s mean)\n\n{md}\n')
print(md)
