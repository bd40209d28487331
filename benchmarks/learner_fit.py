"""How well does each learner fit pi* from a set of real states in the paper's 100 SGD steps? The learners side by side.

A synthetic set is only ever used through one learner: a fresh policy trained by 100 full-batch SGD steps at lr 0.1.
`learner='paper'` is the reference code's (every layer, the head included, orthogonal with gain sqrt(2); the loss on
a reparameterised sample); `learner='mean'` is obd_nb's first (a head of gain 1e-2; the loss on tanh(mean)). For each
dataset this script draws N real states, labels them with the shipped pi*, trains `--inits` fresh mlp3 policies of
each learner from the *same* init seeds on the *same* states, and measures the MSE of their deterministic action to
pi* on `--held_out` other real states (and on the training states). No env is run.

    python benchmarks/learner_fit.py [--datasets ...] [--sizes 256,1024] [--inits 5] [--out benchmarks/results/learner_fit]

One process, one torch thread.
"""
import argparse, json, time
from pathlib import Path
import numpy as np, torch, torch.nn.functional as F
from obd_nb.core import format_table
from obd_nb.data import dataset_path
from obd_nb.inner import InnerConfig, LEARNERS, fit_bc, policy_seeds
from _common import NINE, teacher_for

ap = argparse.ArgumentParser()
ap.add_argument('--datasets', default=','.join(NINE)); ap.add_argument('--sizes', default='256,1024')
ap.add_argument('--inits', type=int, default=5); ap.add_argument('--held_out', type=int, default=4096)
ap.add_argument('--out', default='benchmarks/results/learner_fit')
args = ap.parse_args()
torch.set_num_threads(1)

rows = []
for did in args.datasets.split(','):
    if not dataset_path(did).exists():
        print(f'{did}: not built here, skipped')
        continue
    t, teacher, qs = teacher_for(did, need=False)
    if teacher is None:
        print(f'{did}: no shipped teacher for these very data, skipped')
        continue
    states = t.norm(t.observations)
    perm = torch.randperm(len(t), generator=torch.Generator().manual_seed(0))
    held = states[perm[:args.held_out]]
    with torch.no_grad(): held_target = qs.pi_star(held)
    for n in map(int, args.sizes.split(',')):
        S = states[perm[args.held_out:args.held_out + n]]
        with torch.no_grad(): A = qs.pi_star(S)
        for learner in LEARNERS:
            c0, fits, train_fits = time.process_time(), [], []
            for seed in policy_seeds(args.inits):
                pi = fit_bc(t.info, S, A, InnerConfig(learner=learner), seed=seed)
                with torch.no_grad():
                    fits.append(float(F.mse_loss(pi(held), held_target)))
                    train_fits.append(float(F.mse_loss(pi(S), A)))
            rows.append(dict(dataset=did, n=n, learner=learner, held_out_mse=float(np.mean(fits)),
                             held_out_mse_std=float(np.std(fits)), train_mse=float(np.mean(train_fits)),
                             cpu_seconds=time.process_time() - c0))
            print(' '.join(f'{k}={v:.4f}' if isinstance(v, float) else f'{k}={v}' for k, v in rows[-1].items()), flush=True)

out = Path(args.out)
out.mkdir(parents=True, exist_ok=True)
cmd = f'python benchmarks/learner_fit.py --datasets {args.datasets} --sizes {args.sizes} --inits {args.inits} --held_out {args.held_out}'
(out/'learner_fit.json').write_text(json.dumps(dict(command=cmd, rows=rows), indent=1))
md = format_table([{k: (f'{v:.4f}' if isinstance(v, float) else v) for k, v in r.items() if k != 'cpu_seconds'} for r in rows])
(out/'learner_fit.md').write_text(f'`{cmd}` (N real states labelled by the shipped pi*; {args.inits} inits of each learner, the same seeds; '
                                  f'MSE of the deterministic action to pi* on {args.held_out} held-out states)\n\n{md}\n')
print(md)
