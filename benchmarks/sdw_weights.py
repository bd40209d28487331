"""Which states does SDW's 1/p(s) move the objective onto? The measure behind the study's question of why SDW loses
to Av-PBC on Hopper medium.

    python benchmarks/sdw_weights.py [--datasets A,B,...] [--near 20]

SDW is Av-PBC with each real state's weight also multiplied by 1/p(s) (`density_weights`: clipped within a factor 10
of the median state's, mean 1), so the objective leans on rare states. On the locomotion data the rarest states may
be the ones just before a fall (a terminal transition), which a medium policy reaches seldom and pi* itself may not
recover from. For each dataset this script computes both objectives' weights on every state, exactly as
distillation does (`real_targets`, the shipped teacher, the KDE density cached beside the dataset's runs), and
reports:

- the effective sample size of each weighting (ESS / N = (sum w)^2 / (N sum w^2), 1 for equal weights);
- the share of the total weight on states within `--near` steps of a terminal transition (a fall), under PBC
  (equal weights: the share of such states), Av-PBC and SDW;
- the share of the total weight on the 10% rarest states (lowest p(s)) under each;
- the mean of Q*(s, pi*(s)), as a fraction of the dataset's mean, over the 10% of states SDW weights most.
"""
import argparse, json
from pathlib import Path
import torch
from obd_nb.core import RUNS, atomic_path, dataset_slug, format_table
from obd_nb.distill import real_targets, dataset_log_density, density_weights
from _common import NINE, teacher_for

RESULTS = Path(__file__).parent/'results'

def near_terminal(t, k:int)->torch.Tensor:
    "(N,) bool: the transition is one of the last `k` of an episode that ended in a terminal transition (a fall)."
    out = torch.zeros(len(t), dtype=torch.bool); off = t.episode_offsets.tolist()
    for a, b in zip(off[:-1], off[1:]):
        if b > a and t.terminals[b-1] > 0: out[max(a, b-k):b] = True
    return out

def share(w:torch.Tensor, mask:torch.Tensor)->float: return float(w[mask].sum()/w.sum())

def sdw_stats(dataset_id:str, near:int=20)->dict:
    "Where Av-PBC's and SDW's weights sit on the dataset's states, with its shipped teacher."
    t, _, qs = teacher_for(dataset_id)
    s = t.norm(t.observations)
    ld = dataset_log_density(t, Path(RUNS)/'distill'/dataset_slug(t.dataset_id)/'state_density.npz')  # the study's cache
    _, wa, _ = real_targets(s, t.actions, 'avpbc', qs)
    ws = wa * density_weights(ld)  # SDW's weights, as `real_targets` makes them for 'sdw'
    wa, ws = wa.double(), ws.double(); ones = torch.ones_like(wa)
    fall, rare = near_terminal(t, near), ld <= torch.kthvalue(ld, max(1, len(ld)//10)).values
    top = ws >= ws.quantile(0.9)
    ess = lambda w: float(w.sum()**2/(len(w)*w.pow(2).sum()))
    return dict(dataset=dataset_id, states=len(t), episodes=t.n_episodes, falls=int(t.terminals.sum()), near=near,
                ess_avpbc=ess(wa), ess_sdw=ess(ws),
                fall_pbc=share(ones, fall), fall_avpbc=share(wa, fall), fall_sdw=share(ws, fall),
                rare_pbc=share(ones, rare), rare_avpbc=share(wa, rare), rare_sdw=share(ws, rare),
                q_top_sdw=float(wa[top].mean()/wa.mean()))

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--datasets', default=','.join(NINE)); ap.add_argument('--near', type=int, default=20)
    ap.add_argument('--out', default=str(RESULTS/'sdw_weights'))
    args = ap.parse_args(); torch.set_num_threads(1)
    rows = [sdw_stats(d, args.near) for d in args.datasets.split(',')]
    cmd = 'python benchmarks/sdw_weights.py' + (f' --near {args.near}' if args.near != 20 else '') + ('' if args.datasets == ','.join(NINE) else f' --datasets {args.datasets}')
    with atomic_path(Path(args.out + '.json')) as f: f.write_text(json.dumps(dict(command=cmd, rows=rows), indent=1) + '\n')
    pc = lambda x: f'{100*x:.0f}%'
    md = (f'`{cmd}`: the share of each objective\'s total weight on states within {args.near} steps of a fall (a terminal transition) '
          'and on the 10% rarest states (lowest KDE density); PBC weighs every state alike, so its column is the share of such states. '
          'ESS / N: effective sample size of the weights. Q* top SDW: mean Q*(s, pi*(s)) (shifted as Av-PBC shifts it) over the 10% of states SDW weights most, over its mean on all states.\n\n'
          + format_table([dict(dataset=r['dataset'], falls=r['falls'], **{'near fall: PBC': pc(r['fall_pbc']), 'Av-PBC': pc(r['fall_avpbc']), 'SDW': pc(r['fall_sdw']),
                                                                          'rarest 10%: Av-PBC': pc(r['rare_avpbc']), 'SDW ': pc(r['rare_sdw']),
                                                                          'ESS / N Av-PBC': f"{r['ess_avpbc']:.2f}", 'ESS / N SDW': f"{r['ess_sdw']:.2f}",
                                                                          'Q* top SDW': f"{r['q_top_sdw']:.2f}"}) for r in rows]))
    with atomic_path(Path(args.out + '.md')) as f: f.write_text(md + '\n')
    print(md)
