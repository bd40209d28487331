"""How far do Av-PBC's weights move its objective away from PBC's? The measure behind the study's finding that the two
objectives end level on obd_nb's datasets.

    python benchmarks/avpbc_weights.py [--datasets A,B,...] [--sample 100000] [--keep] [--temp T]

With `--temp T` it measures the sharpened weights of `weight_temp=T` instead (exp(z / T), z the standard score of Q* on
the data, mean 1), into `avpbc_weights_tempT.{json,md}`.

Av-PBC is PBC with each real state's squared error weighted by w(s) = beta * Q*(s, pi*(s)) (shifted so that none is
negative: `avpbc_weights`). Two things about w decide how different the two objectives are:

- **how uneven the weights are**, the only thing that matters to a scale-free outer optimiser such as Adam (the `fast`
  recipes): the effective sample size of the weights, ESS / N = (sum w)^2 / (N sum w^2), is 1 for equal weights and
  falls as a few states take most of the weight; also their coefficient of variation and the share of the total
  weight carried by the top 10% of states;
- **how large they are on average**, which under plain SGD (the paper's recipe) scales Av-PBC's meta-gradient against
  PBC's: the mean of w.

Each dataset's shipped teacher gives pi* and Q*, on `--sample` of its normalised states (seeded); `real_targets`
computes the weights exactly as distillation does.
"""
import argparse, json
from pathlib import Path
import torch
from obd_nb.core import atomic_path, format_table, update_rows
from obd_nb.distill import real_targets
from _common import NINE, teacher_for

RESULTS = Path(__file__).parent/'results'

def weight_stats(dataset_id:str, sample:int=100_000, temp:float=0.)->dict:
    "Unevenness and mean of Av-PBC's weights (`weight_temp=temp`) on a sample of the dataset's states, with its shipped teacher."
    t, _, qs = teacher_for(dataset_id)
    idx = torch.randperm(len(t), generator=torch.Generator().manual_seed(0))[:sample]
    s = t.norm(t.observations[idx])
    _, w, info = real_targets(s, t.actions[idx], 'avpbc', qs, temp=temp)
    w = w.double(); top = w.sort(descending=True).values[:max(1, len(w)//10)]
    return dict(dataset=dataset_id, sample=len(w), ess_ratio=float(w.sum()**2/(len(w)*w.pow(2).sum())),
                cv=float(w.std()/w.mean()), top10_share=float(top.sum()/w.sum()), mean_w=float(w.mean()),
                q_min=info['q_min'], q_mean=info['q_mean'], q_shift=info['q_shift'])

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--datasets', default=','.join(NINE)); ap.add_argument('--sample', type=int, default=100_000)
    ap.add_argument('--temp', type=float, default=0., help="weight_temp (0: the paper's weights)")
    ap.add_argument('--out', default=None, help='results path without suffix (default: results/avpbc_weights[_tempT])')
    ap.add_argument('--keep', action='store_true', help="keep the other datasets' rows of the results in --out (remake some rows only)")
    args = ap.parse_args(); torch.set_num_threads(1)
    args.out = args.out or str(RESULTS/('avpbc_weights' + (f'_temp{args.temp:g}' if args.temp else '')))
    rows = [weight_stats(d, args.sample, args.temp) for d in args.datasets.split(',')]
    cmd = 'python benchmarks/avpbc_weights.py' + (f' --sample {args.sample}' if args.sample != 100_000 else '') + ('' if args.datasets == ','.join(NINE) else f' --datasets {args.datasets}') + (f' --temp {args.temp:g}' if args.temp else '')
    if args.keep and Path(args.out + '.json').exists():  # the earlier rows, each replaced where this run made it again
        old = json.loads(Path(args.out + '.json').read_text()); rows = update_rows(old['rows'], rows)
        cmd = f"{old['command']}`, then `{cmd} --keep"
    with atomic_path(Path(args.out + '.json')) as f: f.write_text(json.dumps(dict(command=cmd, rows=rows), indent=1) + '\n')
    f2 = lambda x: f'{x:.2f}'
    what = (f'exp(z / {args.temp:g}), z the standard score of Q*(s, pi*(s)) on the data, over their mean' if args.temp
            else 'beta Q*(s, pi*(s)) (beta 0.02, shifted to be non-negative)')
    md = f'`{cmd}`: Av-PBC\'s weights w(s) = {what} on {args.sample:,} states of each dataset, with its shipped teacher\n\n' + format_table(
        [dict(dataset=r['dataset'], **{'ESS / N': f2(r['ess_ratio']), 'CV': f2(r['cv']), 'top 10% share': f2(r['top10_share']),
              'mean w': f2(r['mean_w']), 'Q* min': f'{r["q_min"]:.1f}', 'Q* mean': f'{r["q_mean"]:.1f}'}) for r in rows])
    with atomic_path(Path(args.out + '.md')) as f: f.write_text(md + '\n')
    print(md)
