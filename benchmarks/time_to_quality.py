"""Time to quality: normalized return of the synthetic set against the CPU time spent on outer steps, for distillation
recipes side by side, on the same datasets with the same pi*/Q*.

Every recipe is scored with one protocol that never changes: fresh mlp3 policies trained by the paper's BC on the set
(100 full-batch SGD steps, lr 0.1), `--policies` of them x `--episodes` episodes at each point. The clock is the CPU
time of the outer steps alone (evaluation is off the clock), so runs that share a machine stay comparable; each run
is one process with one torch thread. A recipe may change the distillation's inner loop (`inner.steps=50`, `inner.arch=mlp2`);
its sets are still scored by the paper's deployment. Runs are resumable (`obd_runs/ttq/...`): rerun the same command to extend them.

    python benchmarks/time_to_quality.py --datasets obd/hopper/medium-replay-v0 --recipes paper,fast,fast:inner.steps=50+inner.lr=0.2 --minutes 10
        [--objective avpbc] [--eval_minutes 1] [--seed 0] [--jobs 2] [--results benchmarks/results/time_to_quality]
"""
import argparse, json, re, time
from multiprocessing import get_context
from pathlib import Path
import numpy as np, torch
from _common import repo_path

ap = argparse.ArgumentParser()
ap.add_argument('--datasets', default='obd/halfcheetah/medium-replay-v0,obd/hopper/medium-replay-v0,obd/walker2d/medium-replay-v0')
ap.add_argument('--recipes', default='paper,fast'); ap.add_argument('--objective', default='avpbc')
ap.add_argument('--minutes', type=float, default=10., help='CPU-minutes of outer steps per run')
ap.add_argument('--eval_minutes', type=float, default=1., help='CPU-minutes of outer steps between evaluations')
ap.add_argument('--policies', type=int, default=5); ap.add_argument('--episodes', type=int, default=10)
ap.add_argument('--seed', type=int, default=0); ap.add_argument('--jobs', type=int, default=1)
ap.add_argument('--out', default='obd_runs/ttq'); ap.add_argument('--results', default='benchmarks/results/time_to_quality')
ap.add_argument('--report-only', action='store_true', help='only collect the runs on disk into the table and plot (and score the references)')
args = ap.parse_args()

def teacher(t):
    "The pi*/Q* every recipe uses: the one `obd_distill` would pick (the shipped teacher, else obd_pretrain's checkpoint)."
    from obd_nb.distill import find_teacher
    return find_teacher(t)[0]

def _value(v:str):
    "A recipe field's value: a bool, an int, a float, or else the string itself (init=kmeans++)."
    if v in ('True', 'False'): return v == 'True'
    for f in (int, float):
        try: return f(v)
        except ValueError: pass
    return v

def parse_recipe(spec:str)->tuple[str, dict]:
    "`fast` or a variant of a recipe, `fast:truncate=0+inner.steps=50`: the recipe's name and the `DistillConfig` fields it changes."
    name, _, rest = spec.partition(':')  # fields are joined by '+' (a '+' not followed by `field=` belongs to a value)
    fields = {}
    for k, v in (kv.split('=', 1) for kv in re.split(r'\+(?=[A-Za-z_][\w.]*=)', rest) if kv):
        if k.startswith('inner.'): fields.setdefault('inner', {})[k[len('inner.'):]] = _value(v)  # a field of the distillation's inner loop
        else: fields[k] = _value(v)
    return name, fields

def run_dir(dataset, recipe)->Path:
    return Path(args.out)/dataset.replace('/', '_')/f"{args.objective}-{recipe.replace('++', 'pp').replace(':', '-').replace('+', '-')}-seed{args.seed}"

def run_one(job):
    "Distil one dataset with one recipe, in chunks of about `eval_minutes`, until `minutes` of outer steps are spent."
    dataset, recipe = job; torch.set_num_threads(1); name, variant = parse_recipe(recipe)
    from obd_nb.data import load_transitions
    from obd_nb.distill import distill, recipe_config
    t = load_transitions(dataset); q = teacher(t)
    out = run_dir(dataset, recipe)
    base = dict(objective=args.objective, seed=args.seed, eval_policies=args.policies, eval_episodes=args.episodes,
                eval_inner={}, **variant)  # always scored by the paper's deployment: InnerConfig()
    done = curve_on_disk(dataset, recipe)  # a run on disk is extended, not restarted
    steps, seconds, rate = (0, 0., None) if not done else (done['curve'][-1]['step'], done['curve'][-1]['seconds'], None)
    while seconds < args.minutes*60:
        # one chunk: the steps that take about `eval_minutes` at the rate measured so far (5 to start with)
        chunk = 5 if rate is None else max(1, round(args.eval_minutes*60*rate))
        steps += chunk; cfg = recipe_config(name, steps=steps, eval_every=steps, **base)
        res = distill(t, q, cfg, out, quiet=True)
        seconds = res['curve'][-1]['seconds']; rate = res['step']/max(seconds, 1e-9)
        print(f"{dataset} {recipe}: step {res['step']}, {seconds/60:.1f} CPU-min, score {res['curve'][-1]['score']:.1f}", flush=True)

def references(dataset):
    "Random Selection, BC on all of the data and pi*, scored with the same evaluation as the sets."
    from obd_nb.data import load_transitions, evaluate_policy
    from obd_nb.evaluate import random_selection_score
    from obd_nb.qlearn import pretrain
    from obd_nb.qstar import load_actor
    t = load_transitions(dataset); rnd = random_selection_score(t, 256, 10, seeds=1, episodes=args.episodes, quiet=True)
    out = {'Random Selection': rnd['mean']}
    for name, path in (('BC on all data', pretrain(t, 'bc', quiet=True)), ('pi*', teacher(t))):
        pi, norm, _ = load_actor(path, 'cpu')
        out[name] = float(np.mean([evaluate_policy(pi, t.env, norm, args.episodes, seed=10_000)]))
    return out

def curve_on_disk(dataset, recipe):
    "The curve of a run from its checkpoint, or None when it has not run."
    from obd_nb.core import load_checkpoint
    ck = run_dir(dataset, recipe)/'checkpoint.pt'
    if not ck.exists(): return None
    m = load_checkpoint(ck)[1]
    return dict(dataset=dataset, recipe=recipe, teacher=repo_path((m.get('teacher') or {}).get('source')),
                curve=[{k: p[k] for k in ('step','seconds','score','std','policy_std','loss') if k in p} for p in m['curve']])

if __name__ == '__main__':
    datasets, recipes = args.datasets.split(','), args.recipes.split(',')
    jobs = [(d, r) for d in datasets for r in recipes]
    if not args.report_only:
        if args.jobs > 1:
            with get_context('spawn').Pool(args.jobs) as pool: pool.map(run_one, jobs, chunksize=1)
        else: [run_one(j) for j in jobs]
    res_dir = Path(args.results); res_dir.mkdir(parents=True, exist_ok=True); jpath = res_dir/f'{args.objective}.json'
    old = json.loads(jpath.read_text()) if jpath.exists() else dict(runs=[], references={})
    runs = [r for r in map(lambda j: curve_on_disk(*j), jobs) if r is not None]
    keep = [r for r in old['runs'] if (r['dataset'], r['recipe']) not in set(jobs)]
    refs = {**old['references'], **{d: references(d) for d in datasets if d not in old['references']}}
    old = dict(runs=keep+runs, references=refs, objective=args.objective, policies=args.policies, episodes=args.episodes)
    jpath.write_text(json.dumps(old, indent=1))
    # the table: best score, and the CPU time each recipe needed to reach the paper recipe's best
    rows = []
    for d in sorted({r['dataset'] for r in old['runs']}):
        runs = {r['recipe']: r for r in old['runs'] if r['dataset'] == d}; ref = old['references'].get(d, {})
        best_paper = max((p['score'] for p in runs['paper']['curve']), default=np.nan) if 'paper' in runs else np.nan
        for name, r in runs.items():
            c = r['curve']; best = max(c, key=lambda p: p['score'])
            reach = next((p['seconds'] for p in c if p['score'] >= best_paper), None)
            rows.append(dict(dataset=d, recipe=name, steps=c[-1]['step'], cpu_min=c[-1]['seconds']/60, final=c[-1]['score'],
                             best=best['score'], best_at_min=best['seconds']/60,
                             reach_paper_best_min='-' if reach is None else f'{reach/60:.1f}',
                             random=ref.get('Random Selection', np.nan), bc_all=ref.get('BC on all data', np.nan), pi_star=ref.get('pi*', np.nan)))
    from obd_nb.core import format_table
    md = format_table(rows); print(md)
    (res_dir/f'{args.objective}.md').write_text(
        f"`python benchmarks/time_to_quality.py` ({args.objective}; each point: {old.get('policies')} fresh policies x {old.get('episodes')} "
        f"episodes; cpu_min: CPU-minutes of outer steps, one thread)\n\n{md}\n")
    import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt
    ds = sorted({r['dataset'] for r in old['runs']})
    fig, axs = plt.subplots(1, len(ds), figsize=(4.5*len(ds), 3.6), squeeze=False)
    for ax, d in zip(axs[0], ds):
        for r in [r for r in old['runs'] if r['dataset'] == d]:
            c = r['curve']; ax.plot([p['seconds']/60 for p in c], [p['score'] for p in c], marker='.', label=r['recipe'])
        for (name, v), ls in zip(old['references'].get(d, {}).items(), (':', '--', '-.')):  # references in black, recipes in colour
            ax.axhline(v, ls=ls, color='k', lw=1, label=name)
        ax.set_title(d.split('/')[1] + ' ' + d.split('/')[2][:-3], fontsize=9); ax.set_xlabel('CPU-minutes of outer steps'); ax.set_ylabel('normalized return')
    axs[0][0].legend(fontsize=7); fig.tight_layout(); fig.savefig(res_dir/f'{args.objective}.png', dpi=100)
