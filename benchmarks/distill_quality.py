"""Distillation quality on one dataset: Random Selection, DBC, PBC and Av-PBC at equal outer-step budgets, several
seeds, with normalized return against outer step saved as a plot.

Each run is `obd_run`'s distillation stage (same folders, so runs are resumed and shared with `obd_run`), evaluated
with `obd_run`'s protocol. pi*/Q* (for PBC and Av-PBC) must exist or is trained with `obd_run`'s budget.

    python benchmarks/distill_quality.py [--dataset obd/hopper/medium-replay-v0] [--objectives dbc,pbc,avpbc,sdw]
        [--seeds 0,1] [--steps 400] [--out obd_runs] [--threads 1] [--report-only]
"""
import argparse, json, time
from dataclasses import replace
from pathlib import Path
import numpy as np, torch

ap = argparse.ArgumentParser()
ap.add_argument('--dataset', default='obd/hopper/medium-replay-v0'); ap.add_argument('--objectives', default='dbc,pbc,avpbc')
ap.add_argument('--seeds', default='0,1'); ap.add_argument('--steps', type=int, default=None); ap.add_argument('--out', default='obd_runs')
ap.add_argument('--threads', type=int, default=1); ap.add_argument('--report-only', action='store_true')
ap.add_argument('--results', default='benchmarks/results')
ap.add_argument('--recipe', default='paper', help="distillation recipe (the committed results: paper)")
ap.add_argument('--teacher', action='store_true', help="use the shipped pi*/Q* (the committed results: a TD3+BC pi* of 20,000 steps)")
args = ap.parse_args()
torch.set_num_threads(args.threads)
from obd_nb.cli import RunConfig, run_data, run_pretrain, run_distill
from obd_nb.core import distill_dir
from obd_nb.evaluate import load_synset, evaluate_synset, random_selection_score
from obd_nb.zoo import format_table

seeds, objectives = [int(s) for s in args.seeds.split(',')], args.objectives.split(',')
base = RunConfig(dataset=args.dataset, out=args.out, recipe=args.recipe, teacher=args.teacher, pretrain_steps=20_000, eval_every=50,
                 distill_steps=400 if args.steps is None else args.steps)  # the settings of the committed results
t = run_data(base)
qpath = run_pretrain(base, t)[0] if any(o != 'dbc' for o in objectives) and not args.report_only else None
runs = []
for obj in objectives:
    for seed in seeds:
        cfg = replace(base, objective=obj, seed=seed); t0 = time.process_time()
        res = run_distill(cfg, t, qpath) if not args.report_only else None
        folder = distill_dir(cfg.out, t.dataset_id, obj, cfg.n_syn, seed, cfg.recipe)
        if not (folder/'synset.npz').exists(): continue
        syn = load_synset(folder/'synset.npz')
        curve = res['curve'] if res else json.loads(json.dumps(syn.meta.get('curve', [])))
        ev = evaluate_synset(syn, cfg.eval_seeds, cfg.eval_episodes, seed=seed)
        runs.append(dict(objective=obj, seed=seed, final=ev['mean'], final_std=ev['std'], curve=curve,
                         last5=float(np.mean([p['score'] for p in curve[-5:]])) if curve else float('nan'),
                         cpu_minutes=(time.process_time()-t0)/60))
        print(f"{obj} seed {seed}: final {ev['mean']:.1f} ± {ev['std']:.1f}", flush=True)
rnd = [random_selection_score(t, base.n_syn, base.random_draws, episodes=base.eval_episodes, seed=s) for s in seeds]

rows = [dict(method='Random Selection', seeds=len(seeds), score=float(np.mean([r['mean'] for r in rnd])),
             spread=float(np.std([r['mean'] for r in rnd])), last5=float('nan'))]
for obj in objectives:
    rs = [r for r in runs if r['objective']==obj]
    if rs: rows.append(dict(method=obj, seeds=len(rs), score=float(np.mean([r['final'] for r in rs])),
                            spread=float(np.std([r['final'] for r in rs])), last5=float(np.mean([r['last5'] for r in rs]))))
table = format_table(rows); print(f'\n{t.dataset_id}, {base.distill_steps} outer steps, N_syn {base.n_syn}\n{table}')

res_dir = Path(args.results); res_dir.mkdir(parents=True, exist_ok=True); name = t.dataset_id.replace('/', '_')
(res_dir/f'distill_quality_{name}.json').write_text(json.dumps(dict(dataset=t.dataset_id, config=base.__dict__, rows=rows, runs=runs, random=rnd), indent=1))
(res_dir/f'distill_quality_{name}.md').write_text(f'{t.dataset_id}, {base.distill_steps} outer steps, N_syn {base.n_syn}, '
    f'seeds {args.seeds}; score: fresh policies on the final set ({base.eval_seeds} x {base.eval_episodes} episodes); '
    f'last5: mean of the last 5 evaluation points\n\n{table}\n')
import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt
fig, ax = plt.subplots(figsize=(6.5, 3.8)); colors = dict(dbc='tab:blue', pbc='tab:orange', avpbc='tab:red', sdw='tab:purple')
for r in runs:
    ax.plot([p['step'] for p in r['curve']], [p['score'] for p in r['curve']], color=colors.get(r['objective']), alpha=0.8,
            ls='-' if r['seed']==seeds[0] else '--', label=f"{r['objective']} seed {r['seed']}")
ax.axhline(rows[0]['score'], color='tab:gray', ls=':', label='Random Selection')
ax.set_xlabel('outer step'); ax.set_ylabel('normalized return'); ax.set_title(t.dataset_id); ax.legend(fontsize=7, ncol=2)
fig.tight_layout(); fig.savefig(res_dir/f'distill_quality_{name}.png', dpi=100)
