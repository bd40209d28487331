"""Ensembles of 10 (#32's target: >= 1.05x BC) on the sets of `robust_pilot.py`'s runs, beside the study's ensembles.

    python benchmarks/robust_ensembles.py [--variant noise] [--seeds 0] [--datasets ...]
        [--runs obd_runs/robust_pilot] [--out benchmarks/results/robust_pilot/ensembles]

Scores each pilot set (`<runs>/<dataset>/<variant>-seed<S>/synset.npz`, made by `robust_pilot.py`) as the study scores
its Av-PBC cells' ensembles (`obd_study --evals ensemble`): 20 ensembles of 10 fresh policies (the paper's learner),
5 episodes each, the run seed's init seeds (`evaluate_synset(..., ensemble=10, seed=S)`). One JSON per set in `--out`
(a set already scored is read back), then `summary.{json,md}` there: per dataset the pilots' ensembles beside the
study's ensembles of the `fast-mlp2` and `fast` cells of the same seeds, BC on all of the data (10,000 steps) and BC
trained to convergence (`bc_convergence.py`), and the mean over the datasets each has, as a multiple of converged BC.
"""
import argparse, json
from pathlib import Path
import torch
from obd_nb.core import format_table, dataset_slug
from obd_nb.synset import load_synset
from obd_nb.evaluate import evaluate_synset
from obd_nb.study import PAPER_DATASETS, bc_reference
from _common import RESULTS

ap = argparse.ArgumentParser()
ap.add_argument('--variant', default='noise'); ap.add_argument('--seeds', default='0')
ap.add_argument('--datasets', default=','.join(PAPER_DATASETS))
ap.add_argument('--runs', default='obd_runs/robust_pilot'); ap.add_argument('--out', default=str(RESULTS/'robust_pilot'/'ensembles'))
ap.add_argument('--study', default=str(RESULTS/'study_paper_learner')); ap.add_argument('--bc', default=str(RESULTS/'bc_convergence'))
args = ap.parse_args()
torch.set_num_threads(1)
out, study = Path(args.out), Path(args.study)
out.mkdir(parents=True, exist_ok=True)
datasets, seeds = args.datasets.split(','), [int(s) for s in args.seeds.split(',')]
for d in datasets:
    for s in seeds:
        f = out/f'{dataset_slug(d)}-{args.variant}-seed{s}.json'
        src = Path(args.runs)/dataset_slug(d)/f'{args.variant}-seed{s}'/'synset.npz'
        if f.exists() or not src.exists(): continue
        r = evaluate_synset(load_synset(src), 20, 5, ensemble=10, seed=s, quiet=True)
        f.write_text(json.dumps(dict(command=f'python benchmarks/robust_ensembles.py --variant {args.variant} --seeds {s} --datasets {d}',
                                     dataset=d, variant=args.variant, seed=s, scores=r), indent=1) + '\n')
        print(d, s, round(r['mean'], 1), flush=True)

def study_ensemble(d:str, what:str, s:int)->float|None:
    "The study's ensemble score of a cell (`avpbc-<recipe>-n256`), or its BC cell's score."
    f = study/dataset_slug(d)/(f'{what}-seed{s}.json' if what == 'bc' else f'avpbc-{what}-n256-seed{s}.json')
    if not f.exists(): return None
    sc = json.loads(f.read_text())['scores']
    return sc['default' if what == 'bc' else 'ensemble']['mean'] if what == 'bc' or 'ensemble' in sc else None

bcc, rows = bc_reference(args.bc), []
for f in sorted(out.glob(f'*-{args.variant}-seed*.json')):
    r = json.loads(f.read_text())
    d, s = r['dataset'], r['seed']
    rows.append(dict(dataset=d, seed=s, **{args.variant: r['scores']['mean']}, **{k: study_ensemble(d, k, s) for k in ('fast-mlp2', 'fast')},
                     bc=study_ensemble(d, 'bc', 0), bc_converged=float(bcc[d])))  # BC on all of the data: one policy, seed 0
rows.sort(key=lambda r: (r['seed'], PAPER_DATASETS.index(r['dataset']) if r['dataset'] in PAPER_DATASETS else 99))
fmt = lambda v: '' if v is None else f'{v:.1f}'
summary = []
for k in (args.variant, 'fast-mlp2', 'fast'):  # each recipe over all its sets, then seed by seed
    for s in [None] + sorted({r['seed'] for r in rows}):
        have = [r for r in rows if r[k] is not None and s in (None, r['seed'])]
        if have and (s is None or len(have) < sum(r[k] is not None for r in rows)):
            m, b = sum(r[k] for r in have)/len(have), sum(r['bc_converged'] for r in have)/len(have)
            summary.append(dict(ensembles_of=k if s is None else f'{k}, seed {s}', sets=len(have), mean=m, bc_converged=b,
                                x_bc_converged=m/b, bc_10k=sum(r['bc'] for r in have)/len(have)))
(out/'summary.json').write_text(json.dumps(dict(command='python benchmarks/robust_ensembles.py', rows=rows, summary=summary), indent=1) + '\n')
md = (f"`python benchmarks/robust_ensembles.py`: ensembles of 10 fresh policies (the paper's learner), 20 ensembles x 5 "
      f"episodes a set; `{args.variant}`: `robust_pilot.py`'s sets, `fast-mlp2` and `fast`: the study's cells of the same "
      f"seed; bc: the study's 10,000-step BC; bc_converged: `bc_convergence.py`'s last-half mean\n\n" +
      format_table([{k: (fmt(v) if isinstance(v, float) or v is None else v) for k, v in r.items()} for r in rows]) + '\n\n' +
      format_table([dict(ensembles_of=x['ensembles_of'], sets=x['sets'], mean=fmt(x['mean']), bc_converged=fmt(x['bc_converged']),
                         x_bc_converged=f"{x['x_bc_converged']:.2f}x", bc_10k=fmt(x['bc_10k'])) for x in summary]) + '\n')
(out/'summary.md').write_text(md)
print(md)
