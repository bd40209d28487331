"""How well can any Q(s, a) rank a dataset's returns-to-go? A ceiling for the Spearman target of the teachers.

`qstar_spearman` ranks the transitions of a dataset by Q*(s, a) and by their discounted return-to-go (RTG). The RTG
is one sampled future of the behaviour policy, so even the best function of (s, a) cannot rank it perfectly: on data
from one policy, the part of the RTG that (s, a) does not decide (what the rest of the episode happens to do) can
dominate the differences between states. This script estimates how much of the ranking (s, a) can explain at all: it
fits a critic-sized MLP (2 x 256, Adam) by regression *directly onto the RTG* on 80% of the episodes, and measures
its Spearman correlation on the other 20%. That regressor estimates the behaviour policy's own value, the function
that ranks realised RTGs best; a Q-learner's Q* estimates another policy's value and gets no RTG targets, so its
correlation on the same held-out transitions is the number to hold against the ceiling. Both use only transitions
whose RTG is complete (`Transitions.rtg_complete`, as `qstar_spearman` does).

    python benchmarks/rtg_ceiling.py [--datasets obd/walker2d/medium-v0,...] [--steps 20000] [--seed 0]
        [--out benchmarks/results/rtg_ceiling]

The regressor is an estimate, not a bound: a larger net or longer training could rank a little better. Its train and
held-out correlations are both reported, so that under- and over-fitting show.
"""
import argparse, json, time
from pathlib import Path
import torch, torch.nn.functional as F
from obd_nb.core import format_table
from obd_nb.data import load_transitions, dataset_path
from obd_nb.nets import Critic
from obd_nb.qstar import spearman
from _common import NINE, teacher_for

ap = argparse.ArgumentParser()
ap.add_argument('--datasets', default=','.join(NINE)); ap.add_argument('--steps', type=int, default=20_000)
ap.add_argument('--batch', type=int, default=256); ap.add_argument('--seed', type=int, default=0)
ap.add_argument('--n', type=int, default=100_000, help='held-out (and train) transitions the correlations are measured on, at most')
ap.add_argument('--out', default='benchmarks/results/rtg_ceiling')
args = ap.parse_args(); torch.set_num_threads(1)

def split(t, g):
    "Episode-level split: the complete-RTG transitions of 80% of the episodes (train) and of the other 20% (held out)."
    ep = torch.repeat_interleave(torch.arange(t.n_episodes), t.episode_lengths)
    held = torch.randperm(t.n_episodes, generator=g)[:max(1, t.n_episodes//5)]
    test = torch.zeros(t.n_episodes, dtype=torch.bool); test[held] = True
    ok = t.rtg_complete(0.99, 0.01)
    return (ok & ~test[ep]).nonzero().squeeze(1), (ok & test[ep]).nonzero().squeeze(1)

def sample(idx, n, g): return idx if len(idx) <= n else idx[torch.randperm(len(idx), generator=g)[:n]]

rows = []
for did in args.datasets.split(','):
    if not dataset_path(did).exists(): print(f'{did}: not built here, skipped'); continue
    t = load_transitions(did, download=False); g = torch.Generator().manual_seed(args.seed); torch.manual_seed(args.seed)
    tr, te = split(t, g); rtg = t.returns_to_go(0.99).float(); obs = t.norm(t.observations); act = t.actions
    mu, sd = rtg[tr].mean(), rtg[tr].std()
    net = Critic(obs.shape[1], act.shape[1], (256, 256), n=1); opt = torch.optim.Adam(net.parameters(), 3e-4)
    c0 = time.process_time()
    for _ in range(args.steps):
        b = tr[torch.randint(len(tr), (args.batch,), generator=g)]
        loss = F.mse_loss(net(obs[b], act[b])[0], (rtg[b]-mu)/sd)
        opt.zero_grad(); loss.backward(); opt.step()
    cpu = (time.process_time()-c0)/60
    with torch.no_grad():
        tr_s, te_s = sample(tr, args.n, g), sample(te, args.n, g)
        rho = {k: spearman(net(obs[i], act[i])[0], rtg[i]) for k, i in (('train', tr_s), ('held_out', te_s))}
        _, p, qs = teacher_for(t, need=False)
        q_te = spearman(qs.q_star(qs.norm(t.observations[te_s]), act[te_s]), rtg[te_s]) if qs else float('nan')
    rows.append(dict(dataset=did, episodes=t.n_episodes, transitions=len(t), rtg_cv=float(rtg[tr].std()/rtg[tr].mean().abs()),
                     ceiling_train=rho['train'], ceiling_held_out=rho['held_out'], teacher_held_out=q_te,
                     teacher=(p.name if p else None), steps=args.steps, cpu_minutes=cpu))
    print(f"{did}: RTG regressor Spearman {rho['train']:.2f} (train) / {rho['held_out']:.2f} (held out); shipped Q* {q_te:.2f} on the same held-out transitions ({cpu:.1f} CPU-min)", flush=True)

out = Path(args.out); out.mkdir(parents=True, exist_ok=True)
old = {r['dataset']: r for r in json.loads((out/'rtg_ceiling.json').read_text())['rows']} if (out/'rtg_ceiling.json').exists() else {}
old.update({r['dataset']: r for r in rows}); rows = [old[k] for k in sorted(old)]
(out/'rtg_ceiling.json').write_text(json.dumps(dict(command='python benchmarks/rtg_ceiling.py', steps=args.steps, seed=args.seed, rows=rows), indent=1))
md = format_table([{k: (f'{v:.2f}' if isinstance(v, float) else v) for k, v in r.items() if k not in ('steps',)} for r in rows])
(out/'rtg_ceiling.md').write_text(f'`python benchmarks/rtg_ceiling.py --steps {args.steps}` (Spearman correlations with the discounted return-to-go, '
                                  f'complete returns-to-go only; ceiling: an MLP regressed onto the RTG of 80% of the episodes; held out: the other 20%; '
                                  f'rtg_cv: the RTG\'s coefficient of variation)\n\n{md}\n')
print(md)
