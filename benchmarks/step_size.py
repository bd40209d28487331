"""Is Av-PBC's edge over PBC in the paper's recipe its weighting, or a larger step? Four runs of the paper's recipe
side by side, per seed, on one dataset with its shipped teacher:

    python benchmarks/step_size.py [--dataset obd/hopper/medium-replay-v0] [--steps 1000] [--seeds 2] [--jobs 2]

- `pbc`: PBC, the paper's outer step (SGD lr 0.1, momentum 0.9, clip 2);
- `avpbc`: Av-PBC, the same step, weights w(s) = beta * Q*(s, pi*(s)) with the paper's beta 0.02;
- `pbc-lr`: PBC with its learning rate multiplied by the dataset's mean weight m = mean_s w(s);
- `avpbc-mean1`: Av-PBC with beta / m, so that its weights average 1 over the dataset (PBC's scale).

Av-PBC's objective is m times PBC's scale, and in the paper's recipe the clip at 2 never engages
(`benchmarks/meta_grad_norms.py`: the meta-gradients' norms are 0.01 to 0.1), so plain SGD moves Av-PBC's set about m times
as far per step as PBC's. `pbc-lr` gives PBC that step; `avpbc-mean1` takes it from Av-PBC. If Av-PBC beats PBC but not
`pbc-lr`, and `avpbc-mean1` falls back to PBC, the edge is the step; if `avpbc-mean1` still beats PBC, it is the weighting.

Each run resumes from its folder under `--out`; each finished set is scored as the study scores sets (5 fresh mlp3
policies, the paper's BC recipe, 10 episodes each). Results: `benchmarks/results/step_size_<dataset>.json`, `.md` and `.png` (the curves).
"""
import argparse, json, time
from dataclasses import replace
from pathlib import Path
import numpy as np, torch
from obd_nb.core import atomic_path, format_table, pool_context, dataset_slug
from obd_nb.distill import recipe_config, real_targets, distill
from obd_nb.evaluate import evaluate_synset
from _common import teacher_for

RESULTS = Path(__file__).parent/'results'
VARIANTS = ('pbc', 'avpbc', 'pbc-lr', 'avpbc-mean1')

def mean_weight(dataset_id:str, beta:float=0.02)->float:
    "The mean of Av-PBC's weights over every state of the dataset, with its shipped teacher (as distillation computes them)."
    t, _, qs = teacher_for(dataset_id)
    return float(real_targets(t.norm(t.observations), t.actions, 'avpbc', qs, beta)[1].double().mean())

def variant_config(variant:str, m:float, steps:int, seed:int):
    "The paper's recipe for one of `VARIANTS`, given the dataset's mean weight `m`."
    cfg = recipe_config('paper', objective=variant.split('-')[0], steps=steps, seed=seed, eval_every=max(steps//5, 1))
    if variant == 'pbc-lr': cfg = replace(cfg, lr=cfg.lr*m)
    if variant == 'avpbc-mean1': cfg = replace(cfg, beta=cfg.beta/m)
    return cfg

def run_one(job:tuple)->dict:
    "Distil (or resume) one variant and seed, then score its set."
    dataset_id, variant, seed, steps, m, out = job; torch.set_num_threads(1)
    t, teacher, _ = teacher_for(dataset_id, qstar=False)
    cfg = variant_config(variant, m, steps, seed)
    t0 = time.process_time()
    r = distill(t, teacher, cfg, out=Path(out)/dataset_slug(dataset_id)/f'{variant}-seed{seed}', device='cpu', quiet=True)
    ev = evaluate_synset(r['set'], seeds=5, episodes=10, device='cpu', quiet=True)
    return dict(variant=variant, seed=seed, lr=cfg.lr, beta=cfg.beta, score=ev['mean'], std=ev['std'], curve=[(p['step'], p['score']) for p in r['curve']],
                distill_cpu_s=r['set'].meta['seconds'], cpu_s=time.process_time()-t0)

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--dataset', default='obd/hopper/medium-replay-v0'); ap.add_argument('--steps', type=int, default=1000)
    ap.add_argument('--seeds', type=int, default=2); ap.add_argument('--jobs', type=int, default=2); ap.add_argument('--out', default='obd_runs/step_size')
    args = ap.parse_args(); torch.set_num_threads(1)
    m = mean_weight(args.dataset); print(f'{args.dataset}: mean Av-PBC weight {m:.3f}', flush=True)
    jobs = [(args.dataset, v, s, args.steps, m, args.out) for s in range(args.seeds) for v in VARIANTS]
    ctx = pool_context(run_one)
    if ctx is None or args.jobs == 1: rows = [run_one(j) for j in jobs]
    else:
        with ctx.Pool(args.jobs) as pool: rows = pool.map(run_one, jobs, chunksize=1)
    cmd = 'python benchmarks/step_size.py' + ('' if args.dataset == 'obd/hopper/medium-replay-v0' else f' --dataset {args.dataset}') + \
          ('' if args.steps == 1000 else f' --steps {args.steps}') + ('' if args.seeds == 2 else f' --seeds {args.seeds}')
    name = RESULTS/f'step_size_{dataset_slug(args.dataset)}'
    with atomic_path(Path(f'{name}.json')) as f: f.write_text(json.dumps(dict(command=cmd, dataset=args.dataset, mean_weight=m, steps=args.steps, rows=rows), indent=1) + '\n')
    table = []
    for v in VARIANTS:
        rs = [r for r in rows if r['variant'] == v]; sc = [r['score'] for r in rs]
        table.append(dict(variant=v, lr=f'{rs[0]["lr"]:.3g}', beta=f'{rs[0]["beta"]:.3g}', **{f'seed {r["seed"]}': f'{r["score"]:.1f}' for r in rs},
                          mean=f'{np.mean(sc):.1f}', **{'curve (seed 0, 1 policy)': ' '.join(f'{s:.1f}' for _, s in rs[0]['curve'])}))
    md = (f'`{cmd}`: {args.dataset}, the paper\'s recipe for {args.steps} outer steps, mean Av-PBC weight m = {m:.2f}; '
          f'final sets scored by 5 fresh mlp3 policies x 10 episodes (normalized return)\n\n' + format_table(table))
    with atomic_path(Path(f'{name}.md')) as f: f.write_text(md + '\n')
    print(md)
    import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(7, 3.5))
    for i, v in enumerate(VARIANTS):
        for r in (r for r in rows if r['variant'] == v):
            st, sc = zip(*r['curve'])
            ax.plot(st, sc, color=f'C{i}', ls='-' if r['seed'] == 0 else '--', marker='o', ms=3, label=f'{v} (seed {r["seed"]})')
    ax.set_xlabel('outer step'); ax.set_ylabel('normalized return (1 policy x 10 episodes)')
    ax.set_title(f'{args.dataset}, paper recipe, mean weight m = {m:.2f}', fontsize=9); ax.legend(fontsize=7, ncol=2)
    fig.tight_layout(); fig.savefig(f'{name}.png', dpi=110)
