"""Does the paper's outer step give Av-PBC a larger step than PBC? The meta-gradient's norm before clipping, under
the paper's recipe (SGD, lr 0.1, momentum 0.9, global-norm clip 2), for PBC and Av-PBC on the same datasets.

    python benchmarks/meta_grad_norms.py [--datasets A,B,...] [--steps 20] [--seed 0] [--keep]

Av-PBC's objective is PBC's with each state's error weighted by w(s) = beta * Q*(s, pi*(s)), and on obd_nb's datasets
those weights are nearly even but their mean is 3.5 to 22 (`benchmarks/avpbc_weights.py`). Under plain SGD the mean
weight would multiply Av-PBC's step against PBC's; the paper clips the meta-gradient's global norm at 2, which caps
that. This script runs the first `--steps` outer steps of the paper's recipe (no evaluation) for both objectives with
the dataset's shipped teacher and records each step's meta-gradient norm before clipping: its median, the share of
steps the clip cut, and the mean length of the step SGD takes (min(norm, clip), before the learning rate and momentum).
The ratio of those lengths, Av-PBC over PBC, is how much larger Av-PBC's steps are in the paper's recipe.

The norms are read from the run's curve: with an evaluation point after every step (and no episodes), each point's
`grad_norm` is that step's norm before clipping, as `distill` records it.
"""
import argparse, json, statistics, tempfile
from pathlib import Path
import torch
import obd_nb.distill as D
from obd_nb.core import atomic_path, format_table, update_rows
from _common import NINE, teacher_for

RESULTS = Path(__file__).parent/'results'

def norms(dataset_id:str, objective:str, steps:int, seed:int)->list[float]:
    "Pre-clip meta-gradient norms of the first `steps` outer steps of the paper's recipe."
    t, p, _ = teacher_for(dataset_id, qstar=False)
    cfg = D.recipe_config('paper', objective=objective, steps=steps, seed=seed, eval_episodes=0, eval_every=1)
    with tempfile.TemporaryDirectory() as d: curve = D.distill(t, p, cfg, out=Path(d)/'run', device='cpu', quiet=True)['curve']
    return [c['grad_norm'] for c in curve]

def summary(ns:list[float], clip:float=2.0)->dict:
    return dict(median=statistics.median(ns), clipped=sum(n > clip for n in ns)/len(ns), step=statistics.mean(min(n, clip) for n in ns))

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--datasets', default=','.join(NINE)); ap.add_argument('--steps', type=int, default=20); ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--out', default=str(RESULTS/'meta_grad_norms'))
    ap.add_argument('--keep', action='store_true', help="keep the other datasets' rows of the results in --out (remake some rows only)")
    args = ap.parse_args(); torch.set_num_threads(1)
    rows = []
    for d in args.datasets.split(','):
        r = {o: norms(d, o, args.steps, args.seed) for o in ('pbc', 'avpbc')}
        rows.append(dict(dataset=d, norms=r, **{o: summary(ns) for o, ns in r.items()})); print(d, {o: rows[-1][o] for o in r}, flush=True)
    cmd = 'python benchmarks/meta_grad_norms.py' + (f' --steps {args.steps}' if args.steps != 20 else '') + (f' --seed {args.seed}' if args.seed else '') + ('' if args.datasets == ','.join(NINE) else f' --datasets {args.datasets}')
    if args.keep and Path(args.out + '.json').exists():  # the earlier rows, each replaced where this run made it again
        old = json.loads(Path(args.out + '.json').read_text()); rows = update_rows(old['rows'], rows)
        cmd = f"{old['command']}`, then `{cmd} --keep"
    with atomic_path(Path(args.out + '.json')) as f: f.write_text(json.dumps(dict(command=cmd, rows=rows)) + '\n')
    f2, f3 = (lambda x: f'{x:.2f}'), (lambda x: f'{x:.3g}')
    md = (f'`{cmd}`: the meta-gradient\'s global norm before the clip at 2, over the first {args.steps} outer steps of the paper\'s recipe '
          f'(SGD lr 0.1, momentum 0.9; mlp3, 100 inner steps), shipped teachers; "step": the mean of min(norm, 2), the length SGD moves along\n\n') + format_table(
        [dict(dataset=r['dataset'], **{'PBC median': f3(r['pbc']['median']), 'PBC clipped': f'{r["pbc"]["clipped"]:.0%}', 'PBC step': f3(r['pbc']['step']),
              'Av-PBC median': f3(r['avpbc']['median']), 'Av-PBC clipped': f'{r["avpbc"]["clipped"]:.0%}', 'Av-PBC step': f3(r['avpbc']['step']),
              'step ratio': f2(r['avpbc']['step']/r['pbc']['step'])}) for r in rows])
    with atomic_path(Path(args.out + '.md')) as f: f.write_text(md + '\n')
    print(md)
