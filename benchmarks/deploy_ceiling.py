"""Can the paper's deployment BC (100 full-batch SGD steps, lr 0.1, a fresh mlp3) turn a set of real states labelled
by pi* into a policy that plays like pi*? A reference for what distilled sets could reach on each dataset.

OBD's synthetic set is only ever used through that one BC recipe. If the recipe cannot reproduce pi* even from many
real states carrying pi*'s own actions, the limit on a dataset is the deployment (100 steps from a fresh init), not
the distillation. For each dataset this script draws N real states (N = 256, the synthetic set's size, and larger),
labels them with the data's actions or with pi*(s) (the shipped teacher), trains `--policies` fresh mlp3 policies on
each with the paper's BC, and plays `--episodes` episodes with each; with `--long` also with 10x the steps (1,000),
for diagnosis only (the deployment recipe itself never changes), on the sizes up to `--long_max`.

    python benchmarks/deploy_ceiling.py [--datasets obd/walker2d/medium-v0,...] [--sizes 256,1024,4096,16384]
        [--policies 5] [--episodes 5] [--learners paper,mean] [--long] [--out benchmarks/results/deploy_ceiling]

`--learners` trains each learner of `obd_nb.inner.LEARNERS` named (the paper's, obd_nb's first) side by side on the
same states, from the same init seeds (`policy_seeds`).

One process, one torch thread; nothing is trained but the small BC policies (the teachers are the shipped ones).
"""
import argparse, json, time
from dataclasses import replace
from pathlib import Path
import numpy as np, torch
from obd_nb.core import format_table
from obd_nb.data import dataset_path, evaluate_policy
from obd_nb.inner import InnerConfig, fit_bc, policy_seeds
from _common import teacher_for

ap = argparse.ArgumentParser()
ap.add_argument('--datasets', default='obd/halfcheetah/medium-replay-v0,obd/walker2d/medium-v0,obd/walker2d/medium-expert-v0')
ap.add_argument('--sizes', default='256,1024,4096,16384'); ap.add_argument('--policies', type=int, default=5)
ap.add_argument('--episodes', type=int, default=5); ap.add_argument('--seed', type=int, default=0)
ap.add_argument('--long', action='store_true', help='also train with 1,000 BC steps (diagnosis only)')
ap.add_argument('--long_max', type=int, default=2048, help='the largest N trained with 1,000 steps (they cost N x 1,000 full-batch steps)')
ap.add_argument('--learners', default='paper')
ap.add_argument('--out', default='benchmarks/results/deploy_ceiling')
args = ap.parse_args(); torch.set_num_threads(1)

rows = []
for did in args.datasets.split(','):
    if not dataset_path(did).exists(): print(f'{did}: not built here, skipped'); continue
    t, p, qs = teacher_for(did, need=False)
    if p is None:
        print(f'{did}: no shipped teacher, skipped')
        continue
    states = t.norm(t.observations)
    pi_star = float(np.mean(evaluate_policy(qs.actor, t.info, qs.actor_norm, args.episodes, seed=10_000)))
    for n in map(int, args.sizes.split(',')):
        idx = torch.randperm(len(t), generator=torch.Generator().manual_seed(args.seed))[:n]; S = states[idx]
        with torch.no_grad(): labels = {'data': t.actions[idx], 'pi_star': qs.pi_star(S)}
        for label, A in labels.items():
            for steps, learner in [(s, l) for s in ((100, 1000) if args.long and n <= args.long_max else (100,)) for l in args.learners.split(',')]:
                c0 = time.process_time(); cfg = InnerConfig(steps=steps, learner=learner)
                scores = np.stack([evaluate_policy(fit_bc(t.info, S, A, cfg, seed=j), t.info, t.norm, args.episodes, seed=j)
                                   for j in policy_seeds(args.policies)])
                rows.append(dict(dataset=did, n=n, labels=label, bc_steps=steps, learner=learner, mean=float(scores.mean()),
                                 failed=float((scores.mean(1) < 0.5*pi_star).mean()), policy_min=float(scores.mean(1).min()),
                                 policy_max=float(scores.mean(1).max()), pi_star=pi_star, cpu_minutes=(time.process_time()-c0)/60))
                print(' '.join(f'{k}={v:.1f}' if isinstance(v, float) else f'{k}={v}' for k, v in rows[-1].items()), flush=True)

out = Path(args.out); out.mkdir(parents=True, exist_ok=True)
cmd = 'python benchmarks/deploy_ceiling.py ' + ' '.join(f'--{k} {v}' for k, v in (('datasets', args.datasets), ('sizes', args.sizes), ('policies', args.policies), ('episodes', args.episodes), ('learners', args.learners))) + (f' --long --long_max {args.long_max}' if args.long else '')
(out/'deploy_ceiling.json').write_text(json.dumps(dict(command=cmd, rows=rows), indent=1))
md = format_table([{k: (f'{v:.1f}' if isinstance(v, float) else v) for k, v in r.items() if k != 'cpu_minutes'} for r in rows])
(out/'deploy_ceiling.md').write_text(f'`{cmd}` (N real states labelled by the data or by pi*; fresh mlp3 policies trained by the paper\'s BC, '
                                     f'{args.policies} policies x {args.episodes} episodes; failed: the share of policies below half of pi*\'s score; policy_min/max: the worst and best policy\'s mean)\n\n{md}\n')
print(md)
