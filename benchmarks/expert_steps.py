"""What trajectory matching (#32, item 3) would cost: how long an expert must train on pi*-labelled real states before
its parameters are worth matching, and what its steps cost beside one outer step's meta-gradient.

Matching parameters ("the parameters after 100 steps on the set against those after M steps of BC on pi*-labelled
real states, from a shared init") pays only if the expert after M steps plays better than the sets already do. For
each M in `--steps` this script trains `--policies` fresh mlp3 policies with the deployment's learner (the paper's:
SGD lr 0.1, the loss on a sampled action) for M minibatch steps of `--batch` real states labelled by the shipped pi*,
from the init seeds the study's final scores use (`policy_seeds`), and plays `--episodes` episodes with each. Then it
times, in the same process, one meta-gradient of the default recipe (100 inner steps on 256 pairs, back-propagated)
and 100 of the expert's minibatch steps, and reports their ratio: a fresh expert per outer step costs
M/100 x that ratio of an outer step on top of it.

    python benchmarks/expert_steps.py [--dataset obd/walker2d/medium-v0] [--steps 100,300,1000,3000]
        [--policies 5] [--episodes 5] [--batch 256] [--out benchmarks/results/expert_steps]

One process, one torch thread; nothing but small BC policies is trained (the teacher is the shipped one).
"""
import argparse, json, time
from pathlib import Path
import numpy as np, torch
from obd_nb.core import format_table, dataset_slug
from obd_nb.data import evaluate_policy
from obd_nb.nets import make_policy
from obd_nb.inner import InnerConfig, init_params, policy_seeds, LOG_STD_SCALARS
from obd_nb.distill import meta_grad, recipe_config, real_targets, init_synset, expert_params
from _common import teacher_for

ap = argparse.ArgumentParser()
ap.add_argument('--dataset', default='obd/walker2d/medium-v0'); ap.add_argument('--steps', default='100,300,1000,3000')
ap.add_argument('--policies', type=int, default=5); ap.add_argument('--episodes', type=int, default=5)
ap.add_argument('--batch', type=int, default=256); ap.add_argument('--timing_reps', type=int, default=5)
ap.add_argument('--out', default='benchmarks/results/expert_steps')
args = ap.parse_args(); torch.set_num_threads(1)

t, qpath, qs = teacher_for(args.dataset)
nm = t.norm
states = nm(t.observations)
targets = real_targets(states, t.actions, 'pbc', qs)[0]   # pi*(s) at every real state
inner = InnerConfig()                                     # the deployment's learner: the paper's
policy = make_policy(t.info.name, inner.arch)

def expert(seed:int, steps:int, g:torch.Generator)->dict:
    "A fresh policy's parameters after `steps` minibatch BC steps on pi*-labelled real states (`expert_params`)."
    def batches():
        for _ in range(steps):
            idx = torch.randint(len(states), (args.batch,), generator=g)
            yield states[idx], targets[idx]
    return expert_params(policy, init_params(policy, seed=seed, learner=inner.learner), batches(), inner, noise=g)

rows = []
for steps in [int(s) for s in args.steps.split(',')]:
    scores, c0 = [], time.process_time()
    for seed in policy_seeds(args.policies):
        pi = make_policy(t.info.name, inner.arch)
        pi.load_state_dict({k: v for k, v in expert(seed, steps, torch.Generator().manual_seed(seed)).items()
                            if k not in LOG_STD_SCALARS}, strict=False)
        scores.append(float(evaluate_policy(pi, t.info, nm, args.episodes, seed=seed).mean()))
    rows.append(dict(expert_steps=steps, mean=float(np.mean(scores)), policies=scores, cpu_minutes=(time.process_time() - c0)/60))
    print(rows[-1], flush=True)

# timing, in this process: one meta-gradient of the default recipe, and 100 expert steps
cfg = recipe_config()
g = torch.Generator().manual_seed(0)
S, A = init_synset(states, targets, cfg.n_syn, 'random', g)
real = torch.randint(len(states), (cfg.n_batches*cfg.batch_size,), generator=g)
def clock(f)->float:
    f(); c = time.process_time()
    for _ in range(args.timing_reps): f()
    return (time.process_time() - c)/args.timing_reps
meta_s = clock(lambda: meta_grad(policy, init_params(policy, seed=0), S, A, states[real], targets[real], None, cfg.inner, 'pbc'))
expert_s = clock(lambda: expert(0, 100, torch.Generator().manual_seed(0)))
timing = dict(meta_grad_seconds=meta_s, expert_100_steps_seconds=expert_s, ratio=expert_s/meta_s)
print(timing)

cmd = f'python benchmarks/expert_steps.py --dataset {args.dataset} --steps {args.steps} --policies {args.policies} --episodes {args.episodes}'
out = Path(args.out); out.mkdir(parents=True, exist_ok=True)
base = out/dataset_slug(args.dataset)
Path(f'{base}.json').write_text(json.dumps(dict(command=cmd, rows=rows, timing=timing), indent=1) + '\n')
md = format_table([dict(expert_steps=r['expert_steps'], mean=f"{r['mean']:.1f}",
                        policies=', '.join(f'{s:.1f}' for s in r['policies']),
                        extra_cpu_per_outer_step=f"{r['expert_steps']/100*timing['ratio']:.1f}x") for r in rows])
Path(f'{base}.md').write_text(
    f"`{cmd}` (fresh mlp3 policies, the paper's learner, minibatches of {args.batch} real states labelled by the shipped "
    f"pi*; {args.episodes} episodes each; extra_cpu_per_outer_step: a fresh expert of that many steps per outer step, as a "
    f"multiple of the meta-gradient's CPU; one meta-gradient {meta_s:.2f} s, 100 expert steps {expert_s:.2f} s, in this "
    f"process)\n\n{md}\n")
print(md)
