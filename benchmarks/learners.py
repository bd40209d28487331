"""The pi*/Q* learners side by side: score against CPU-minutes of training for each learner's checkpoint on each
dataset, with Q*'s Spearman correlation against returns-to-go and BC on all of the data, from the runs on disk.

    python benchmarks/learners.py [--datasets obd/hopper/medium-v0,...] [--algos td3bc,rebrac] [--runs obd_runs/qlearn,obd_runs/qlearn_alpha1]
        [--results benchmarks/results/learners]

It trains nothing: the runs are made with `obd_pretrain DATASET --algo ALGO --steps N --eval_every M --out obd_runs/qlearn`
(and `obd_bc DATASET --out obd_runs/qlearn`), one process per core. A curve point's CPU-minutes are the CPU time of
the run before that evaluation (its updates and the earlier evaluations), recorded by `pretrain`; runs made before it
recorded them get the run's total CPU-minutes shared out in
proportion to the steps (marked `cpu_estimated`). The final checkpoint is the one that counts: choosing the best point
along the way by its online return would not be offline RL, so `best` is shown only to describe the curve.
Several runs folders (comma-separated) compare a learner with other settings (e.g. `--config alpha=1.0` into its own
folder): a learner is labelled with the settings in which it differs from its defaults for the dataset.
"""
import argparse, itertools, json
from pathlib import Path
import torch
from obd_nb.core import load_checkpoint, qlearn_path
from obd_nb.data import load_transitions, dataset_path
from obd_nb.qlearn import make_config
from obd_nb.qstar import load_qstar, qstar_spearman
from _common import NINE, repo_path

ap = argparse.ArgumentParser()
ap.add_argument('--datasets', default=','.join(NINE)); ap.add_argument('--algos', default='td3bc,rebrac')
ap.add_argument('--runs', default='obd_runs/qlearn'); ap.add_argument('--results', default='benchmarks/results/learners')
args = ap.parse_args(); torch.set_num_threads(1)

def curve(meta)->list[dict]:
    "The run's points with the CPU-minutes of updates at each (shared out by steps where the run did not record them)."
    pts = []
    for c in meta['curve']:
        est = 'cpu_minutes' not in c
        pts.append(dict(step=c['step'], score=c['score'], std=c['std'], cpu_estimated=est,
                        cpu_minutes=meta['cpu_minutes']*c['step']/meta['steps_done'] if est else c['cpu_minutes']))
    return pts

def label(algo, did, config)->str:
    "The learner and the settings of its run that differ from its defaults for the dataset (steps and evaluation aside)."
    default = vars(make_config(algo, did)); skip = ('steps', 'eval_every', 'eval_episodes')
    diff = [f'{k}={v}' for k, v in config.items() if k not in skip and k in default and json.dumps(v) != json.dumps(default[k])]
    return ' '.join([algo, *diff])

rows, folders = [], args.runs.split(',')
for did in args.datasets.split(','):
    if not dataset_path(did).exists(): print(f'{did}: not built here, skipped'); continue
    t = None; bc = next((p for f in folders if (p := qlearn_path(f, did, 'bc')).exists()), None)
    bc_score = load_checkpoint(bc)[1]['curve'][-1]['score'] if bc else None
    for folder, algo in itertools.product(folders, args.algos.split(',')):
        p = qlearn_path(folder, did, algo)
        if not p.exists(): continue
        meta = load_checkpoint(p)[1]; pts = curve(meta)
        t = t or load_transitions(did, download=False)
        qs = load_qstar(p, 'cpu', data=t); rho, rho_all = qstar_spearman(qs, t), qstar_spearman(qs, t, tail=None)
        rows.append(dict(dataset=did, algo=label(algo, did, meta['config']), run=repo_path(p), steps=meta['steps_done'], finished=meta['finished'], cpu_minutes=meta['cpu_minutes'],
                         final=pts[-1]['score'], final_std=pts[-1]['std'], best=max(c['score'] for c in pts),
                         spearman=rho, spearman_all=rho_all, bc_all=bc_score, config=meta['config'], curve=pts))
        print(f"{did} {rows[-1]['algo']}: {meta['steps_done']} steps, {meta['cpu_minutes']:.1f} CPU-min, final {pts[-1]['score']:.1f} +- {pts[-1]['std']:.1f}, "
              f"Spearman {rho:.2f} (all {rho_all:.2f}), BC {bc_score if bc_score is None else round(bc_score, 1)}", flush=True)

out = Path(args.results); out.parent.mkdir(parents=True, exist_ok=True)
out.with_suffix('.json').write_text(json.dumps(dict(command='python benchmarks/learners.py ' + ' '.join(
    f'--{k} {v}' for k, v in vars(args).items() if k != 'results'), rows=rows), indent=1))
lines = ['`python benchmarks/learners.py` (final checkpoints; score: normalized return over the last evaluation\'s 10 episodes; '
         'cpu_min: CPU-minutes of training, one thread; best: the best evaluation along the way, for description only; '
         'Spearman Q*: on the transitions whose return-to-go is complete (`qstar_spearman`), and on all)', '',
         '| dataset | learner | steps | cpu_min | final | best | Spearman Q* | Spearman Q* (all) | BC on all data |', '|---|---|---|---|---|---|---|---|---|']
for r in rows:
    lines.append(f"| {r['dataset']} | {r['algo']} | {r['steps']:,}{'' if r['finished'] else ' (unfinished)'} | {r['cpu_minutes']:.1f} | "
                 f"{r['final']:.1f} ± {r['final_std']:.1f} | {r['best']:.1f} | {r['spearman']:.2f} | {r['spearman_all']:.2f} | "
                 f"{'-' if r['bc_all'] is None else format(r['bc_all'], '.1f')} |")
out.with_suffix('.md').write_text('\n'.join(lines) + '\n'); print('\n'.join(lines))

import matplotlib; matplotlib.use('Agg')
import matplotlib.pyplot as plt, seaborn as sns
ds = list(dict.fromkeys(r['dataset'] for r in rows))
if ds:
    fig, axs = plt.subplots(1, len(ds), figsize=(4*len(ds), 3.2), squeeze=False); pal = dict(zip(dict.fromkeys(r['algo'] for r in rows), sns.color_palette()))
    for ax, d in zip(axs[0], ds):
        for r in (r for r in rows if r['dataset'] == d):
            x = [0] + [c['cpu_minutes'] for c in r['curve']]; y = [float('nan')] + [c['score'] for c in r['curve']]
            ax.plot(x, y, 'o-', color=pal[r['algo']], label=f"{r['algo']} ({r['steps']:,} steps)")
            if r['bc_all'] is not None: ax.axhline(r['bc_all'], color='gray', ls='--', lw=1)
        ax.set(title=d.replace('obd/', ''), xlabel='CPU-minutes of training', ylabel='normalized return'); ax.legend(fontsize=7)
    axs[0][0].text(0.01, 0.02, '- - BC on all data', transform=axs[0][0].transAxes, fontsize=7, color='gray')
    fig.tight_layout(); fig.savefig(out.with_suffix('.png'), dpi=100)
