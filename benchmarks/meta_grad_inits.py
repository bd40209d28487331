"""How noisy is one outer step's meta-gradient, and what do several inner initialisations per step cost?

`DistillConfig.inits=K` averages the meta-gradient over K inner initialisations, unrolled one after another. This
measures, on real data with the shipped teacher and the `fast-mlp2` recipe's inner loop (Av-PBC):

- noise: `--draws` meta-gradients (states and actions, flattened) at the recipe's starting set (and at a distilled
  set, `--synset`, where one is given), each with its own inner initialisation and the same real states ('inits'),
  or with the same initialisation and its own draw of real states ('real batch'); the cosine between the average of
  K of them and the average of the other draws (an estimate of the expected gradient), for K = 1, 2, 4. A cosine
  near 1 means one draw already points where the average does, and more would buy little.
- cost: CPU time of the K meta-gradients one after another (what `distill` does) against one batched unroll of K
  stacked nets (`stacked_meta_grad` below, written here for this comparison: `torch.baddbmm` over K weight sets, the
  recipe's plain SGD inner loop), alternating in the same run (medians), with the ratio to K = 1. The script checks
  that both give the same average.

    python benchmarks/meta_grad_inits.py [--datasets ...] [--draws 16] [--reps 3] [--synset DATASET=PATH,...]
        [--results benchmarks/results/meta_grad_inits.md]
"""
import argparse, statistics, time
from pathlib import Path
import torch, torch.nn.functional as F
from obd_nb.data import load_transitions
from obd_nb.synset import load_synset
from obd_nb.distill import recipe_config, real_targets, init_synset, meta_grad, find_teacher
from obd_nb.qstar import load_qstar
from obd_nb.inner import init_params, policy_names
from obd_nb.nets import make_policy

ap = argparse.ArgumentParser()
ap.add_argument('--datasets', default='obd/halfcheetah/medium-replay-v0,obd/hopper/medium-replay-v0,obd/walker2d/medium-replay-v0')
ap.add_argument('--draws', type=int, default=16); ap.add_argument('--reps', type=int, default=3)
ap.add_argument('--synset', default='', help='DATASET=PATH,...: also measure the noise at these distilled sets')
ap.add_argument('--results', default='benchmarks/results/meta_grad_inits.md')
args = ap.parse_args(); torch.set_num_threads(1)
cfg = recipe_config('fast-mlp2')
KS = (1, 2, 4)

def problem(dataset):
    "The real states with their targets and weights, the inner policy, and the recipe's starting set."
    t = load_transitions(dataset); q = load_qstar(find_teacher(t)[0], data=t)
    states = t.norm(t.observations); targets, weights, _ = real_targets(states, t.actions, cfg.objective, q)
    S, A = init_synset(states, t.actions, cfg.n_syn, cfg.init, torch.Generator().manual_seed(0), q)
    A = real_targets(S, A, cfg.objective, q)[0].clone()  # the recipe's relabelled start: pi*(s)
    return t, states, targets, weights, S, A, make_policy(t.info, cfg.inner.arch)

def batch(states, targets, weights, g):
    idx = torch.randint(len(states), (cfg.n_batches*cfg.batch_size,), generator=g)
    return states[idx], targets[idx], weights[idx]

def noise(policy, S, A, draw)->dict:
    "Cosine of the average of K meta-gradients, each of one `draw(s)` (an initialisation, a real batch), with the average of the other draws."
    gs = []
    for s in range(args.draws):
        params, (real, tgt, w) = draw(s)
        _, gS, gA = meta_grad(policy, params, S, A, real, tgt, w, cfg.inner, cfg.objective)
        gs.append(torch.cat([gS.flatten(), gA.flatten()]))
    gs = torch.stack(gs); out = {}
    for k in KS:
        cos = [F.cosine_similarity(gs[i:i+k].mean(0), torch.cat([gs[:i], gs[i+k:]]).mean(0), dim=0).item() for i in range(0, args.draws-k+1, k)]
        out[k] = statistics.mean(cos) if cos else float("nan")
    return out

def stacked_meta_grad(policy, ps, S, A, real, tgt, w):
    "The average of K meta-gradients by one unroll of K stacked nets (plain SGD inner loop, Av-PBC): the batched alternative."
    names, residual = policy_names(policy); K = len(ps)
    S = S.detach().requires_grad_(); A = A.detach().requires_grad_()
    ws = [torch.stack([p[n] for p in ps]).requires_grad_() for n in names]
    scale, bias = policy.action_scale, policy.action_bias
    def apply(ws, x):
        h = x.expand(K, *x.shape)
        for l, res in enumerate(residual):
            a = F.relu(torch.baddbmm(ws[2*l+1].unsqueeze(1), h, ws[2*l].transpose(1, 2))); h = h + a if res else a
        return torch.tanh(torch.baddbmm(ws[-1].unsqueeze(1), h, ws[-2].transpose(1, 2)))*scale + bias
    for _ in range(cfg.inner.steps):
        loss = (apply(ws, S) - A).pow(2).mean((-2, -1)).sum()  # each net's own BC loss
        ws = [p - cfg.inner.lr*g for p, g in zip(ws, torch.autograd.grad(loss, ws, create_graph=True))]
    H = (w*(apply(ws, real) - tgt).pow(2).mean(-1)).mean()  # Av-PBC, averaged over the K nets
    return torch.autograd.grad(H, [S, A])

def cost(policy, S, A, real, tgt, w)->dict:
    "Median CPU seconds of K meta-gradients: one after another (`meta_grad`), and batched (`stacked_meta_grad`), alternating."
    assert cfg.inner.optimizer == 'sgd' and cfg.objective == 'avpbc'  # what `stacked_meta_grad` is written for
    times = {(k, how): [] for k in KS for how in ('stacked', 'separate')}
    for r in range(args.reps):
        for k in KS:
            ps = [init_params(policy, seed=r*10+j) for j in range(k)]
            t0 = time.process_time(); st = stacked_meta_grad(policy, ps, S, A, real, tgt, w)
            times[(k, 'stacked')].append(time.process_time() - t0)
            t0 = time.process_time(); gs = [meta_grad(policy, p, S, A, real, tgt, w, cfg.inner, cfg.objective)[1:] for p in ps]
            times[(k, 'separate')].append(time.process_time() - t0)
            for a, b in zip(st, (sum(g[i] for g in gs)/k for i in (0, 1))):  # the same average
                assert torch.allclose(a, b, rtol=1e-3, atol=1e-6*b.abs().max().item()), (k, (a-b).abs().max().item())
    return {key: statistics.median(v) for key, v in times.items()}

cmd = f'python benchmarks/meta_grad_inits.py --draws {args.draws} --reps {args.reps}' + (f' --synset "{args.synset}"' if args.synset else '')
lines = [f'`{cmd}`: Av-PBC, the `fast-mlp2` recipe\'s inner loop '
         f'(mlp2, {cfg.inner.steps} SGD steps, N_syn {cfg.n_syn}, {cfg.n_batches}x{cfg.batch_size} real states), torch {torch.__version__}, 1 thread.', '',
         '**Noise**: cosine between the average of K meta-gradients and the average of the other draws; each draw has its own '
         'inner initialisation (inits) or its own real states (real batch).', '',
         '| dataset | set | varied | K=1 | K=2 | K=4 |', '|---|---|---|---|---|---|']
costs = {}
extra = dict(kv.split('=', 1) for kv in args.synset.split(',') if kv)
for d in args.datasets.split(','):
    t, states, targets, weights, S, A, policy = problem(d)
    real, tgt, w = batch(states, targets, weights, torch.Generator().manual_seed(1))
    sets = [('start (pi*-relabelled random pairs)', S, A)]
    if d in extra: syn = load_synset(extra[d]); sets.append((f'distilled ({Path(extra[d]).parent.name})', syn.states, syn.actions))
    p0 = init_params(policy, seed=999)
    draws = {'inits': lambda s: (init_params(policy, seed=1000+s), (real, tgt, w)),
             'real batch': lambda s: (p0, batch(states, targets, weights, torch.Generator().manual_seed(2000+s)))}
    for name, s_, a_ in sets:
        for varied, draw in draws.items():
            n = noise(policy, s_, a_, draw)
            lines.append(f'| {d} | {name} | {varied} | ' + ' | '.join(f'{n[k]:.2f}' for k in KS) + ' |'); print(lines[-1], flush=True)
    costs[d] = cost(policy, S, A, real, tgt, w); print(d, costs[d], flush=True)
lines += ['', '**Cost**: median CPU seconds of the meta-gradient averaged over K initialisations, by K unrolls one after another '
          '(`distill`\'s way) or one batched unroll of K stacked nets, each over one unroll.', '', '| dataset | K | one after another s | batched s | one after another / K=1 | batched / K=1 |', '|---|---|---|---|---|---|']
for d, c in costs.items():
    for k in KS:
        lines.append(f"| {d} | {k} | {c[(k, 'separate')]:.2f} | {c[(k, 'stacked')]:.2f} | {c[(k, 'separate')]/c[(1, 'separate')]:.2f}x | {c[(k, 'stacked')]/c[(1, 'separate')]:.2f}x |")
Path(args.results).write_text('\n'.join(lines) + '\n'); print('\n'.join(lines))
