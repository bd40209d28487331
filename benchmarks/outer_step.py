"""Time one OBD outer step in the paper configuration, and a straightforward baseline in the same run.

Paper configuration, on Hopper's dimensions (11-d states, 3-d actions in [-1, 1]) with random data, so no dataset is
needed: N_syn 256 synthetic pairs, the 3x256 MLP policy, 100 inner steps of plain SGD (lr 0.1), 10 x 256 real states,
the Av-PBC objective.

- functional: obd_nb's step (`obd_nb.distill.meta_grad`): the inner loop unrolled functionally with
  `create_graph=True`, then one reverse pass. Timed as a whole, and split into inner forward (the unroll), objective
  (the trained policy on the real states and the loss) and meta-backward (the reverse pass).
- baseline: the same meta-gradient written the straightforward way: train a module with SGD, keeping a copy of the
  model at every inner step, then go back step by step, recomputing each step's gradient with a graph and
  back-propagating through it with Hessian-vector products (`torch.autograd.grad` with `grad_outputs`).

Both must give the same meta-gradient; the script checks it. Steps alternate between the two, so that load on the
machine hits both alike; medians are reported.

Run: python benchmarks/outer_step.py [--threads 2] [--reps 5]
"""
import argparse, copy, time, statistics
import torch, torch.nn.functional as F
from obd_nb.nets import TanhGaussianPolicy
from obd_nb.inner import InnerConfig, init_params, bc_unroll, policy_apply
from obd_nb.distill import meta_grad, avpbc_loss

OBS, ACT, N_SYN, REAL, T_IN, LR = 11, 3, 256, 10*256, 100, 0.1

def functional_step(policy, params, S, A, real, targets, weights, cfg):
    "obd_nb's step, split into its three parts; returns times and the gradients."
    S = S.detach().requires_grad_(); A = A.detach().requires_grad_()
    t0 = time.perf_counter(); final = bc_unroll(policy, params, S, A, cfg, create_graph=True)
    t1 = time.perf_counter(); loss = avpbc_loss(policy_apply(policy, final, real), targets, weights)
    t2 = time.perf_counter(); gS, gA = torch.autograd.grad(loss, [S, A])
    t3 = time.perf_counter()
    return dict(inner_forward=t1-t0, objective=t2-t1, meta_backward=t3-t2, total=t3-t0), (gS, gA)

def baseline_step(policy, params, S, A, real, targets, weights):
    "The straightforward meta-gradient: a model copy per inner step, then step-by-step back-propagation with HVPs."
    t0 = time.perf_counter()
    model = copy.deepcopy(policy); model.load_state_dict(params, strict=False)
    copies = []
    for _ in range(T_IN):                                     # forward: plain SGD on the module, keep every model
        copies.append(copy.deepcopy(model))
        model.zero_grad(); F.mse_loss(model(S), A).backward()
        with torch.no_grad():
            for p in model.parameters():
                if p.grad is not None: p -= LR*p.grad
    t1 = time.perf_counter()
    loss = avpbc_loss(model(real), targets, weights)
    ps = [p for n, p in model.named_parameters() if not n.startswith('log_std')]
    g_theta = torch.autograd.grad(loss, ps)                    # dH/dtheta_T
    t2 = time.perf_counter()
    S_, A_ = S.detach().requires_grad_(), A.detach().requires_grad_()
    gS, gA = torch.zeros_like(S), torch.zeros_like(A)
    for m in reversed(copies):                                 # theta_{k+1} = theta_k - lr * grad L(theta_k; S, A)
        pk = [p for n, p in m.named_parameters() if not n.startswith('log_std')]
        gk = torch.autograd.grad(F.mse_loss(m(S_), A_), pk, create_graph=True)
        h = torch.autograd.grad(gk, pk + [S_, A_], grad_outputs=g_theta)   # Hessian-vector products
        gS -= LR*h[-2]; gA -= LR*h[-1]
        g_theta = [g - LR*hi for g, hi in zip(g_theta, h[:-2])]
    t3 = time.perf_counter()
    return dict(inner_forward=t1-t0, objective=t2-t1, meta_backward=t3-t2, total=t3-t0), (gS, gA)

def main():
    ap = argparse.ArgumentParser(); ap.add_argument('--threads', type=int, default=2); ap.add_argument('--reps', type=int, default=5)
    a = ap.parse_args(); torch.set_num_threads(a.threads)
    g = torch.Generator().manual_seed(0)
    policy = TanhGaussianPolicy(OBS, ACT, (256, 256, 256))
    S, A = torch.randn(N_SYN, OBS, generator=g), torch.rand(N_SYN, ACT, generator=g)*2-1
    real, targets = torch.randn(REAL, OBS, generator=g), torch.rand(REAL, ACT, generator=g)*2-1
    weights = torch.rand(REAL, generator=g)*5
    cfg = InnerConfig(steps=T_IN, lr=LR)
    print(f'torch {torch.__version__}, {torch.get_num_threads()} threads; N_syn {N_SYN}, 3x256 MLP, {T_IN} inner SGD steps, {REAL} real states')

    params = init_params(policy, seed=0)                       # agreement, and a warm-up of both
    _, (fS, fA) = functional_step(policy, params, S, A, real, targets, weights, cfg)
    _, (bS, bA) = baseline_step(policy, params, S, A, real, targets, weights)
    loss, mS, mA = meta_grad(policy, params, S, A, real, targets, weights, cfg, 'avpbc')
    rel = lambda x, y: float((x-y).norm()/y.norm())
    print(f'meta-gradient agreement: functional vs baseline rel. error states {rel(fS, bS):.1e}, actions {rel(fA, bA):.1e}; '
          f'meta_grad vs split {rel(mS, fS):.1e}')
    assert torch.allclose(fS, bS, rtol=1e-3, atol=1e-5*float(bS.abs().max())) and torch.allclose(fA, bA, rtol=1e-3, atol=1e-5*float(bA.abs().max()))

    times = {'functional': [], 'baseline': [], 'meta_grad': []}
    for r in range(a.reps):
        params = init_params(policy, seed=r+1)
        times['functional'].append(functional_step(policy, params, S, A, real, targets, weights, cfg)[0])
        times['baseline'].append(baseline_step(policy, params, S, A, real, targets, weights)[0])
        t0 = time.perf_counter(); meta_grad(policy, params, S, A, real, targets, weights, cfg, 'avpbc')
        times['meta_grad'].append(dict(total=time.perf_counter()-t0))
    med = lambda name, k: 1e3*statistics.median(t[k] for t in times[name])
    for name in ('functional', 'baseline'):
        print(f'{name:10s}: {med(name, "total"):7.0f} ms/step = inner forward {med(name, "inner_forward"):6.0f} + '
              f'objective {med(name, "objective"):5.0f} + meta-backward {med(name, "meta_backward"):6.0f}  (medians of {a.reps})')
    print(f'meta_grad (the function distill calls): {med("meta_grad", "total"):.0f} ms/step')
    print(f'ratio baseline / functional: {med("baseline", "total")/med("functional", "total"):.2f}x')

if __name__ == '__main__': main()
