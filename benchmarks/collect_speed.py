"""How fast the zoo builds datasets: transitions per second of `collect`, one env against lock-step envs, and the
wall time of building a full 1M-transition Hopper dataset from a committed checkpoint (collect + write).

    python benchmarks/collect_speed.py [--steps 1000000] [--compare 100000] [--threads 2]
"""
import argparse, os, tempfile, time, torch
ap = argparse.ArgumentParser()
ap.add_argument('--env', default='hopper'); ap.add_argument('--quality', default='medium')
ap.add_argument('--steps', type=int, default=1_000_000); ap.add_argument('--compare', type=int, default=100_000)
ap.add_argument('--threads', type=int, default=2)
args = ap.parse_args()
torch.set_num_threads(args.threads)
os.environ['MINARI_DATASETS_PATH'] = tempfile.mkdtemp(prefix='obd-bench-')
from obd_nb import zoo

pi = zoo._policy(args.env, args.quality, None)
rates = {}
for n_envs in (1, zoo.N_ENVS):
    t = time.perf_counter(); eps = zoo._play(args.env, pi, args.compare, 0, None, n_envs=n_envs)
    rates[n_envs] = args.compare/(time.perf_counter()-t)
    print(f'collect {args.env} {args.quality}, {n_envs} env(s): {rates[n_envs]:,.0f} transitions/s')
print(f'lock-step speed-up: {rates[zoo.N_ENVS]/rates[1]:.2f}x')
t = time.perf_counter(); did = zoo.build(args.env, args.quality, size=args.steps, quiet=True); el = time.perf_counter()-t
print(f'build {did}: {args.steps:,} transitions in {el/60:.2f} min ({args.steps/el:,.0f} transitions/s, collect + write)')
