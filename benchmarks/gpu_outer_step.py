"""One OBD outer step on the CPU and on the GPU, in the same run: the time of `obd_nb.distill.meta_grad` (the function
`distill` calls) and the agreement of the two meta-gradients.

Two configurations, on Hopper's dimensions (11-d states, 3-d actions in [-1, 1]) with random data, so no dataset is
needed: N_syn 256 synthetic pairs, 100 inner steps of plain SGD (lr 0.1), 10 x 256 real states, the Av-PBC objective,
through the paper's 3x256 net (`--recipe paper`'s inner loop) and through the 2x256 net of the default `fast-mlp2`
recipe. Each is timed `--reps` times after a warm-up; medians are reported, with the GPU synchronised before every
clock reading. `--inits K` also times an outer step that averages K inner initialisations (`DistillConfig.inits`).

Run: python benchmarks/gpu_outer_step.py [--threads 1] [--reps 10] [--inits 8]   (on a machine with CUDA)
"""
import argparse, statistics, time
import torch
from obd_nb.nets import make_policy
from obd_nb.inner import InnerConfig, init_params
from obd_nb.distill import meta_grad

N_SYN, REAL = 256, 10*256

def timed(fn, device, reps):
    "Median seconds of `fn()` over `reps` runs, after one warm-up (synchronising the GPU around each)."
    sync = torch.cuda.synchronize if device.type == 'cuda' else (lambda: None)
    fn(); sync(); ts = []
    for _ in range(reps):
        t0 = time.perf_counter(); fn(); sync(); ts.append(time.perf_counter() - t0)
    return statistics.median(ts)

def main():
    ap = argparse.ArgumentParser(); ap.add_argument('--threads', type=int, default=1); ap.add_argument('--reps', type=int, default=10)
    ap.add_argument('--inits', type=int, default=8)
    a = ap.parse_args(); torch.set_num_threads(a.threads)
    if not torch.cuda.is_available(): raise SystemExit('gpu_outer_step.py needs a CUDA GPU; none is visible here.')
    print(f'torch {torch.__version__}, CPU: {a.threads} thread(s); GPU: {torch.cuda.get_device_name(0)}')
    g = torch.Generator().manual_seed(0)
    S, A = torch.randn(N_SYN, 11, generator=g), torch.rand(N_SYN, 3, generator=g)*2-1
    real, targets = torch.randn(REAL, 11, generator=g), torch.rand(REAL, 3, generator=g)*2-1
    weights = torch.rand(REAL, generator=g)*5
    cfg = InnerConfig()
    for arch in ('mlp3', 'mlp2'):
        res = {}
        for dev in (torch.device('cpu'), torch.device('cuda')):
            policy = make_policy('hopper', arch).to(dev); params = {k: v.to(dev) for k, v in init_params(policy, seed=0).items()}
            args = [x.to(dev) for x in (S, A, real, targets, weights)]
            step = lambda: meta_grad(policy, params, *args, inner=cfg, objective='avpbc')
            loss, gS, gA = step()
            res[dev.type] = dict(sec=timed(step, dev, a.reps), loss=float(loss), gS=gS.cpu(), gA=gA.cpu())
            if dev.type == 'cuda' and a.inits > 1:  # K initialisations one after another, as `_outer_step` does
                many = [{k: v.to(dev) for k, v in init_params(policy, seed=i).items()} for i in range(a.inits)]
                res['cuda_inits'] = timed(lambda: [meta_grad(policy, p, *args, inner=cfg, objective='avpbc') for p in many], dev, max(2, a.reps//4))
        rel = lambda k: float((res['cuda'][k] - res['cpu'][k]).norm() / res['cpu'][k].norm())
        c, u = res['cpu']['sec'], res['cuda']['sec']
        print(f'{arch}: CPU {1e3*c:7.1f} ms/step, GPU {1e3*u:6.1f} ms/step, ratio CPU/GPU {c/u:5.1f}x; '
              f'agreement GPU vs CPU: loss {res["cpu"]["loss"]:.6f} vs {res["cuda"]["loss"]:.6f}, '
              f'rel. error states {rel("gS"):.1e}, actions {rel("gA"):.1e}'
              + (f'; {a.inits} inits per step on the GPU: {1e3*res["cuda_inits"]:.1f} ms' if 'cuda_inits' in res else ''))

if __name__ == '__main__': main()
