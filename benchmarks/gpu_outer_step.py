"""The outer step's cost: K meta-gradients one after another (`meta_grad` in a loop) against one batched call
(`meta_grad_batched`, torch.func.vmap), for K = 1, 4, 16, 64, on the CPU and, where there is one, on the GPU, in
the same run; and the agreement of CPU and GPU.

The issue of GPU speed (#34) asks what one step of the paper's configuration costs (mlp3, N_syn 256, 100 inner SGD
steps, 10 x 256 real states, Av-PBC) and whether K batched unrolls (K initialisations of one set, or K independent
runs) cost far less than K times one. `packed_ms` times the K-runs form (`shared=False`, as `distill_packed` and
`obd_study --pack` call it: each run its own set and real batch). Hopper's dimensions (11-d states, 3-d actions in [-1, 1]) with random data: no
dataset is needed. Each timing is the median of `--reps` runs after a warm-up, the GPU synchronised before every clock
reading. A K whose first run exceeds `--budget` seconds is not timed again, and no larger K is timed on that device.

    python benchmarks/gpu_outer_step.py [--ks 1,4,16,64] [--cpu_ks 1,4] [--archs mlp3,mlp2] [--reps 5] [--threads 1]
        [--out benchmarks/results/gpu/outer_step.json]

With `--graph` (a GPU only) the batched and packed steps are also captured once in a CUDA graph and replayed
(`torch.cuda.graphs`): what a graph-captured outer step would cost, measured before it is built into `distill`.
A capture that fails records its error in place of the time.
"""
import argparse, json, statistics, time
from pathlib import Path
import torch
from obd_nb.nets import make_policy
from obd_nb.inner import InnerConfig, init_params
from obd_nb.distill import meta_grad, meta_grad_batched, inner_noise

N_SYN, REAL = 256, 10*256

def timed(fn, device, reps:int, budget:float)->tuple[float, list]:
    "Median seconds of `fn()` over `reps` runs after one warm-up (which alone is returned when it exceeds `budget`)."
    sync = torch.cuda.synchronize if device.type == 'cuda' else (lambda: None)
    t0 = time.perf_counter(); fn(); sync(); first = time.perf_counter() - t0
    if first > budget: return first, [first]
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter(); fn(); sync(); ts.append(time.perf_counter() - t0)
    return statistics.median(ts), ts

def graphed(fn):
    "`fn` (static shapes, all on the GPU) captured once in a CUDA graph after a warm-up on a side stream; its replay."
    side = torch.cuda.Stream()
    side.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(side):
        for _ in range(3): fn()
    torch.cuda.current_stream().wait_stream(side)
    graph = torch.cuda.CUDAGraph()
    with torch.cuda.graph(graph): fn()
    return graph.replay

def problem(device, arch:str, k:int):
    "The policy, K initialisations (and noise) of one set, the set and a real batch, on `device`."
    g = torch.Generator().manual_seed(0)
    S, A = torch.randn(N_SYN, 11, generator=g), torch.rand(N_SYN, 3, generator=g)*2-1
    real, targets, weights = torch.randn(REAL, 11, generator=g), torch.rand(REAL, 3, generator=g)*2-1, torch.rand(REAL, generator=g)*5
    policy = make_policy('hopper', arch).to(device)
    params = [{n: v.to(device) for n, v in init_params(policy, seed=i).items()} for i in range(k)]
    noise = torch.stack([inner_noise(i, InnerConfig().steps, A.shape) for i in range(k)]).to(device)
    return policy, params, noise, [x.to(device) for x in (S, A, real, targets, weights)]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--ks', default='1,4,16,64'); ap.add_argument('--cpu_ks', default='1,4')
    ap.add_argument('--archs', default='mlp3,mlp2'); ap.add_argument('--reps', type=int, default=5)
    ap.add_argument('--threads', type=int, default=1); ap.add_argument('--budget', type=float, default=60.)
    ap.add_argument('--graph', action='store_true', help='on the GPU, also time the batched and packed steps replayed from a CUDA graph')
    ap.add_argument('--out', default='benchmarks/results/gpu/outer_step.json')
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    devices = [torch.device('cpu')] + ([torch.device('cuda')] if torch.cuda.is_available() else [])
    info = dict(torch=torch.__version__, threads=a.threads, gpu=torch.cuda.get_device_name(0) if len(devices) > 1 else None)
    print(info, flush=True)
    cfg, rows = InnerConfig(), []
    for arch in a.archs.split(','):
        for dev in devices:
            too_slow = False
            for k in map(int, (a.cpu_ks if dev.type == 'cpu' else a.ks).split(',')):
                if too_slow: break
                policy, params, noise, (S, A, real, targets, weights) = problem(dev, arch, k)
                extra = {}
                loop = lambda: [meta_grad(policy, p, S, A, real, targets, weights, cfg, 'avpbc', noise=i) for i, p in enumerate(params)]
                stacked = {n: torch.stack([p[n] for p in params]) for n in params[0]}
                batched = lambda: meta_grad_batched(policy, stacked, S, A, real, targets, weights, cfg, 'avpbc', noise)
                # K packed runs (`distill_packed`): each its own set and real batch, stacked
                rep = lambda x: x.expand(k, *x.shape).contiguous()
                runs = [rep(x) for x in (S, A, real, targets, weights)]
                packed = lambda: meta_grad_batched(policy, stacked, *runs, cfg, 'avpbc', noise, shared=False)
                t_loop, _ = timed(loop, dev, a.reps, a.budget)
                t_batch, _ = timed(batched, dev, a.reps, a.budget)
                t_packed, _ = timed(packed, dev, a.reps, a.budget)
                if a.graph and dev.type == 'cuda':
                    for name, fn in (('graph_batched_ms', batched), ('graph_packed_ms', packed)):
                        try: extra[name] = 1e3*timed(graphed(fn), dev, a.reps, a.budget)[0]
                        except Exception as e: extra[name] = f'{type(e).__name__}: {e}'[:200]
                gap = float((batched()[1][-1] - loop()[-1][1]).norm() / loop()[-1][1].norm())
                rows.append(dict(arch=arch, device=dev.type, k=k, loop_ms=1e3*t_loop, batched_ms=1e3*t_batch,
                                 loop_per_run_ms=1e3*t_loop/k, batched_per_run_ms=1e3*t_batch/k, packed_ms=1e3*t_packed,
                                 rel_gap=gap, **extra))
                print(rows[-1], flush=True)
                too_slow = max(t_loop, t_batch, t_packed) > a.budget
    out = Path(a.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(dict(info=info, command='python benchmarks/gpu_outer_step.py ' + ' '.join(
        f'--{k} {v}' for k, v in vars(a).items() if k != 'out'), rows=rows), indent=1))

if __name__ == '__main__': main()
