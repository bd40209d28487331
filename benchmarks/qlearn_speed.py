"""Updates per second of obd_nb's offline learners on the CPU (batch 256, 256x256 twin critics, mlp3 actor; ReBRAC
with its own batch of 1024 and 3x256 layer-normalised critics),
with 1 and 2 torch threads, and what the default step budgets cost.

    python benchmarks/qlearn_speed.py [--updates N]

Random Hopper-shaped data: the speed of an update does not depend on the data. The time of the periodic evaluations
(10 deterministic episodes) is measured separately, on the untrained actor (short episodes), so it is a lower bound.
"""
import argparse, os, time
import torch
from obd_nb.data import Transitions, StateNorm
from obd_nb.nets import env_spaces
from obd_nb.qlearn import ALGOS, make_config, next_actions, normalize_transitions, sample_batch

def fake_transitions(env='Hopper-v5', n=100_000, seed=0):
    obs_dim, act_dim, *_ = env_spaces(env); g = torch.Generator().manual_seed(seed)
    r = lambda *s: torch.randn(*s, generator=g)
    return Transitions(r(n, obs_dim), r(n, act_dim).clamp(-1, 1), r(n), r(n, obs_dim), torch.zeros(n), torch.zeros(n),
                       torch.tensor([0, n]), env=env, dataset_id='bench/hopper-medium-v0')

def updates_per_s(algo, t, rtg, updates, **kw):
    cfg = make_config(algo, t.dataset_id, **kw); agent = ALGOS[algo][1](cfg, t.env); na = next_actions(t)
    batch = lambda: sample_batch(t, rtg, cfg.batch_size, agent.generator, na if agent.needs_next_actions else None)
    for _ in range(max(10, updates//10)): agent.update(batch())  # warm-up
    t0 = time.perf_counter()
    for _ in range(updates): agent.update(batch())
    return updates/(time.perf_counter()-t0), cfg

if __name__ == '__main__':
    ap = argparse.ArgumentParser(); ap.add_argument('--updates', type=int, default=300); ap.add_argument('--env', default='Hopper-v5')
    a = ap.parse_args()
    t = fake_transitions(a.env); t = normalize_transitions(t, StateNorm.from_data(t.observations)); rtg = t.returns_to_go()
    print(f'load average before: {os.getloadavg()[0]:.1f} (other processes share the cores: compare ratios within one run)')
    print(f'torch {torch.__version__}, env {a.env}, batch 256, critics 256x256 (x2), actor mlp3 (rebrac: batch 1024, critics 3x256 with LayerNorm); {a.updates} timed updates each (calql 1/10, rebrac 1/4)')
    res = {}
    for threads in (1, 2):
        torch.set_num_threads(threads)
        for algo, n in (('td3bc', a.updates), ('rebrac', max(20, a.updates//4)), ('calql', max(20, a.updates//10)), ('bc', a.updates)):
            res[algo, threads], cfg = updates_per_s(algo, t, rtg, n)
            print(f'{algo:6s} threads={threads}: {res[algo, threads]:8.1f} updates/s', flush=True)
    print()
    for algo in ('td3bc', 'rebrac', 'calql', 'bc'):
        cfg = make_config(algo); best = max((1, 2), key=lambda n: res[algo, n]); ups = res[algo, best]
        print(f'{algo:6s}: 2 threads / 1 thread = {res[algo, 2]/res[algo, 1]:.2f}x; default budget {cfg.steps} steps '
              f'= {cfg.steps/ups/60:.1f} min of updates at the faster setting ({best} thread{"s"*(best>1)}) '
              f'(+ {cfg.steps//cfg.eval_every} evaluations of {cfg.eval_episodes} episodes)')
    for algo in ('rebrac', 'calql'): print(f"{algo} / td3bc cost per update (1 thread): {res['td3bc', 1]/res[algo, 1]:.1f}x")
