"""The robust-distillation candidates (#32) beside the recipes they change, from the committed files: nothing trains.

    python benchmarks/robust_compare.py [--pilots benchmarks/results/robust_pilot]
        [--study benchmarks/results/study_paper_learner]

Reads the policies' scores of `robust_pilot.py`'s runs and of the study's Av-PBC cells of the recipes they change (the
same seeds, the same evaluation: 20 fresh policies x 5 episodes a set), and writes `compare.{json,md}` beside the
pilots: per hard dataset and variant, the mean with its 95% bootstrap CI, the IQM, the share of failed policies (below
Random Selection's mean) and the distillation CPU; then, across the hard datasets a candidate has, rliable's IQM of
each side and the probability that a candidate's policy beats one of the recipe it changes (`compare_policies`), on
the datasets and seeds the candidate has; over all nine datasets, with the targets against BC trained to convergence;
and Av-PBC against PBC with `fast-noise` (the study's `pbc-fast-noise` cells) on the runs both have; last, the paper's
ordering Av-PBC > PBC > DBC > Random Selection under `fast-noise` (`ORDERING`), over the nine datasets and, where all
four methods have three seeds there, over the four hard sets with every seed; and Table 1 under `fast-noise` from
those files (`default_table`).
"""
import argparse, json
from pathlib import Path
import pandas as pd
from obd_nb.core import format_table
from obd_nb.evaluate import score_stats
from obd_nb.study import policy_scores, compare_policies, bc_reference, PAPER_DATASETS, PAPER_TABLE1
from _common import RESULTS

HARD = ['obd/walker2d/medium-v0', 'obd/walker2d/medium-expert-v0', 'obd/hopper/medium-v0', 'obd/halfcheetah/medium-expert-v0']
# candidate -> (robust_pilot variant, recipe it changes); the recipes themselves are the study's cells
CANDIDATES = {'noise': ('noise', 'fast'), 'worst': ('worst', 'fast'), 'sharp': ('sharp', 'fast'),
              'fast-mlp2 noise': ('noise', 'fast-mlp2'), 'noise sharp': ('sharp', 'fast-noise'),
              'noise 0.15': ('noise0.15', 'fast'), 'noise 0.5': ('noise0.5', 'fast'),
              'noise decay': ('decay', 'fast-noise'), 'noise actlr': ('actlr', 'fast-noise'),
              'noise match': ('match', 'fast-noise'), 'noise slack': ('slack', 'fast-noise')}
PAIRS = [('noise', 'fast'), ('worst', 'fast'), ('sharp', 'fast'), ('fast-mlp2 noise', 'fast-mlp2'), ('noise', 'fast-mlp2'),
         ('noise sharp', 'noise'), ('noise 0.15', 'noise'), ('noise 0.5', 'noise'), ('noise decay', 'noise'),
         ('noise actlr', 'noise'), ('noise match', 'noise'), ('noise slack', 'noise')]
# on the datasets named: where a candidate has more seeds than on the others
DATASET_PAIRS = [('noise 0.5', 'noise', ['obd/walker2d/medium-v0'])]
# Av-PBC against PBC, both with the recipe `noise` became (`fast-noise`), on the runs PBC has
OBJECTIVE_PAIRS = [('noise', 'pbc fast-noise'), ('noise sharp', 'pbc fast-noise')]
# the paper's ordering under `fast-noise`: Av-PBC > PBC > DBC > Random Selection (DBC runs as `fast` there)
ORDERING = ['noise', 'pbc fast-noise', 'dbc fast-noise', 'random']
NAMES = ['Av-PBC', 'PBC', 'DBC', 'Random Selection']  # as the ordering's table and comparisons name them
OTHER_PAIRS = [('noise', 'fast'), ('noise', 'fast-mlp2')]  # on the other five datasets, where a candidate has run there

def targets(scores:dict, v:str, base:str, floor:pd.Series, bc:pd.Series)->list[dict]:
    "The targets for `v` and `base` on the runs (dataset, seed) both have: each one's mean over its datasets against converged BC's, the datasets below 0.5x BC, those with over 10% failed policies."
    both = set(zip(scores[v]['dataset'], scores[v]['seed'])) & set(zip(scores[base]['dataset'], scores[base]['seed']))
    out = []
    for name in (v, base):
        ps = scores[name][[r in both for r in zip(scores[name]['dataset'], scores[name]['seed'])]]
        if ps.empty: continue
        m = ps.groupby('dataset')['score'].mean()
        failed = ps.assign(f=ps['score'] < ps['dataset'].map(floor)).groupby('dataset')['f'].mean()
        ds = [d for d in PAPER_DATASETS if d in m.index]
        out.append(dict(variant=name, datasets=len(ds), runs=len(both), mean=float(m[ds].mean()), bc=float(bc[ds].mean()),
                        x_bc=float(m[ds].mean()/bc[ds].mean()), below_half_bc=[d for d in ds if m[d] < 0.5*bc[d]],
                        failed_over_10=[f'{d} ({failed[d]:.0%})' for d in ds if failed[d] > 0.1]))
    return out

def pilot_scores(folder:Path, variant:str, recipe:str='fast')->pd.DataFrame:
    "The policies of one variant of `recipe` in `robust_pilot.py`'s runs, as `policy_scores` rows, with the run's distillation CPU."
    rows = []
    for p in sorted(folder.glob('obd_*.json')):
        r = json.loads(p.read_text())
        cmd = r['command'].split()
        dataset, seed = cmd[cmd.index('--dataset') + 1], int(cmd[cmd.index('--seed') + 1])
        rows += [dict(dataset=dataset, method='avpbc', seed=seed, policy=k, score=float(s), cpu=v['distill_cpu_minutes'])
                 for v in r['rows'] if v['variant'] == variant and v.get('recipe', 'fast') == recipe
                 for k, s in enumerate(v['policies'])]
    return pd.DataFrame(rows, columns=['dataset', 'method', 'seed', 'policy', 'score', 'cpu'])

def study_policies(study:Path, recipe:str, method:str='avpbc')->pd.DataFrame:
    "The study's policies of `method` with `recipe` (256 pairs), with their cell's distillation CPU, labelled 'avpbc' (the method `compare_policies` compares)."
    cpu = {(r['dataset_id'], r['cell']['seed']): r['distill_cpu_minutes']
           for r in (json.loads(p.read_text()) for p in study.rglob(f'{method}-{recipe}-n256-seed*.json'))}
    ps = policy_scores(study, recipe=recipe).query("method == @method")
    return ps.assign(cpu=[cpu[(d, s)] for d, s in zip(ps['dataset'], ps['seed'])], method='avpbc')

def ordering(scores:dict)->tuple[list[dict], list[dict]]:
    "The paper's ordering (`ORDERING`) on the runs (dataset, seed) all four have: each one's IQM per dataset and whether the order holds; and P(each beats the next) across those datasets."
    runs = set.intersection(*(set(zip(scores[m]['dataset'], scores[m]['seed'])) for m in ORDERING))
    on = {n: scores[m][[r in runs for r in zip(scores[m]['dataset'], scores[m]['seed'])]] for m, n in zip(ORDERING, NAMES)}
    rows = []
    for d in [d for d in PAPER_DATASETS if d in {d for d, _ in runs}]:
        iqm = [score_stats(on[n][on[n]['dataset'] == d]['score'])['iqm'] for n in NAMES]
        rows.append(dict(dataset=d, seeds=len({s for e, s in runs if e == d}), **dict(zip(NAMES, iqm)),
                         holds=all(a > b for a, b in zip(iqm, iqm[1:]))))
    pairs = [c for a, b in zip(NAMES, NAMES[1:]) if runs and (c := compare(on, a, b, hard=None, shared=True))]
    # the four hard sets alone, where all four methods have three seeds: every policy of theirs
    if all(len({s for e, s in runs if e == d}) >= 3 for d in HARD):
        pairs += [c for a, b in zip(NAMES, NAMES[1:]) if (c := compare(on, a, b, hard=True, shared=True))]
    return rows, pairs

def default_table(ranked:dict, baselines:pd.DataFrame, bc:pd.Series)->list[dict]:
    "Table 1 under `fast-noise`: per dataset each method's mean [95% CI] over its policies and its seeds; BC on all of the data (10,000 steps), BC trained to convergence, pi*, and the paper's Av-PBC and BC."
    cell = lambda ps: (f"{(st := score_stats(ps['score']))['mean']:.1f} [{st['mean_ci'][0]:.1f}, {st['mean_ci'][1]:.1f}] "
                       f"({ps['seed'].nunique()})") if len(ps) else 'not run'
    one = lambda m, d: baselines[(baselines['method'] == m) & (baselines['dataset'] == d)]['score'].mean()
    return [dict(dataset=d, **{n: cell(ranked[m][ranked[m]['dataset'] == d]) for m, n in zip(ORDERING, NAMES)},
                 **{'BC on all data': round(float(one('bc', d)), 1), 'BC converged': round(float(bc.get(d, float('nan'))), 1),
                    'pi*': round(float(one('pi_star', d)), 1), 'paper: Av-PBC': float(PAPER_TABLE1.loc[d, 'avpbc']),
                    'paper: BC': float(PAPER_TABLE1.loc[d, 'bc'])})
            for d in PAPER_DATASETS]

def per_dataset(scores:dict, floor:pd.Series)->list[dict]:
    "One row per dataset a candidate has (the hard ones first) and variant: seeds, per-seed means, mean [CI], IQM, failed share, CPU."
    rows, tried = [], {d for k in CANDIDATES for d in scores[k]['dataset']}
    for d in HARD + [d for d in PAPER_DATASETS if d in tried and d not in HARD]:
        for v, ps in scores.items():
            g = ps[ps['dataset'] == d]
            if g.empty: continue
            st = score_stats(g['score'], fail_below=floor[d])
            rows.append(dict(dataset=d, variant=v, seeds=int(g['seed'].nunique()),
                             per_seed=[round(float(m), 1) for m in g.groupby('seed')['score'].mean()],
                             mean=st['mean'], mean_ci=st['mean_ci'], iqm=st['iqm'], failed=st['failed'],
                             distill_cpu_minutes=float(g.groupby('seed')['cpu'].first().mean())))
    return rows

def compare(scores:dict, v:str, base:str, hard:bool|None|list=True, shared:bool=False)->dict|None:
    "`compare_policies` of candidate `v` against `base` on the datasets and seeds `v` has (`shared`: both have): the hard ones, the others, all (None) or those listed."
    c = (scores[v] if hard is None else scores[v][scores[v]['dataset'].isin(hard)] if isinstance(hard, list)
         else scores[v][scores[v]['dataset'].isin(HARD) == hard])
    if shared: c = c[[r in set(zip(scores[base]['dataset'], scores[base]['seed'])) for r in zip(c['dataset'], c['seed'])]]
    if c.empty: return None
    runs = set(zip(c['dataset'], c['seed']))
    b = scores[base][[r in runs for r in zip(scores[base]['dataset'], scores[base]['seed'])]]
    cp = compare_policies({v: c, base: b}).set_index('name')
    sets = 'the sets ' + ', '.join(hard) if isinstance(hard, list) else {True: 'the four hard sets', False: 'the other five sets', None: 'the nine sets'}[hard]
    # each dataset's first policies, as many as the fewest any has (`compare_policies`): the fewest seeds of any dataset
    return dict(candidate=v, base=base, sets=sets, datasets=int(cp.loc[v, 'datasets']), seeds=int(c.groupby('dataset')['seed'].nunique().min()),
                policies=int(cp.loc[v, 'policies']), iqm=float(cp.loc[v, 'iqm']), iqm_ci=cp.loc[v, 'iqm_ci'],
                base_iqm=float(cp.loc[base, 'iqm']), base_iqm_ci=cp.loc[base, 'iqm_ci'],
                p=float(cp.loc[v, 'p_first_better']), p_ci=cp.loc[v, 'p_ci'])

def line(c:dict)->str:
    "A comparison as one sentence."
    ci = lambda x: f'[{x[0]:.1f}, {x[1]:.1f}]'
    return (f"`{c['candidate']}` against `{c['base']}` ({c['datasets']} of {c['sets']}, seeds: {c['seeds']}, "
            f"{c['policies']} policies a set): IQM {c['iqm']:.1f} {ci(c['iqm_ci'])} against {c['base_iqm']:.1f} "
            f"{ci(c['base_iqm_ci'])}; P(a `{c['candidate']}` policy beats a `{c['base']}` one) {c['p']:.2f} "
            f"[{c['p_ci'][0]:.2f}, {c['p_ci'][1]:.2f}]")

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--pilots', default=str(RESULTS/'robust_pilot'))
    ap.add_argument('--study', default=str(RESULTS/'study_paper_learner'))
    ap.add_argument('--bc', default=str(RESULTS/'bc_convergence'), help="bc_convergence.py's folder: converged BC")
    args = ap.parse_args()
    pilots, study = Path(args.pilots), Path(args.study)
    scores = {'fast': study_policies(study, 'fast'), 'fast-mlp2': study_policies(study, 'fast-mlp2'),
              **{k: pilot_scores(pilots, v, r) for k, (v, r) in CANDIDATES.items()},
              'pbc fast-noise': study_policies(study, 'fast-noise', 'pbc')}
    random = policy_scores(study).query("method == 'random'")
    ranked = {**scores, 'dbc fast-noise': study_policies(study, 'fast-noise', 'dbc'),
              'random': random.assign(method='avpbc', cpu=float('nan'))}
    floor = random.groupby('dataset')['score'].mean()
    rows, comps = per_dataset(scores, floor), [c for v, b in PAIRS if (c := compare(scores, v, b))]
    comps += [c for v, b, ds in DATASET_PAIRS if (c := compare(scores, v, b, hard=ds))]
    comps += [c for v, b in OTHER_PAIRS if (c := compare(scores, v, b, hard=False))]
    comps += [c for v, b in OTHER_PAIRS if (c := compare(scores, v, b, hard=None))]
    comps += [c for v, b in OBJECTIVE_PAIRS if not scores[b].empty and (c := compare(scores, v, b, hard=None, shared=True))]
    # the same on the datasets where PBC has every seed of Av-PBC's (three), with all of them
    three = [d for d, g in scores['pbc fast-noise'].groupby('dataset') if g['seed'].nunique() >= 3]
    # (all nine: the comparison over the nine above is the same one)
    for ds in ([HARD] if set(HARD) <= set(three) else []) + ([three] if len(three) < len(PAPER_DATASETS) else []):
        comps += [c for v, b in OBJECTIVE_PAIRS[:1] if ds and (c := compare(scores, v, b, hard=ds, shared=True))]
    order_rows, order_pairs = ordering(ranked)
    bc = bc_reference(args.bc)
    tg = [t for v, b in OTHER_PAIRS for t in targets(scores, v, b, floor, bc)]
    t1 = default_table(ranked, policy_scores(study).query("method in ('bc', 'pi_star')"), bc)
    (pilots/'compare.json').write_text(json.dumps(dict(command='python benchmarks/robust_compare.py', rows=rows,
                                                       comparisons=comps, targets=tg,
                                                       ordering=dict(rows=order_rows, pairs=order_pairs), table1=t1), indent=1) + '\n')
    table = format_table([dict(dataset=r['dataset'], variant=r['variant'], seeds=r['seeds'],
                               per_seed=', '.join(f'{m:.1f}' for m in r['per_seed']), mean=f"{r['mean']:.1f}",
                               mean_ci=f"[{r['mean_ci'][0]:.1f}, {r['mean_ci'][1]:.1f}]", iqm=f"{r['iqm']:.1f}",
                               failed=f"{r['failed']:.0%}", distill_cpu_min=f"{r['distill_cpu_minutes']:.1f}")
                          for r in rows])
    md = (f"`python benchmarks/robust_compare.py`: Av-PBC, 20 policies x 5 episodes a set; `fast` and `fast-mlp2` are the "
          f"study's cells, the others `robust_pilot.py` runs on the same seeds; failed: below Random Selection's mean; "
          f"distill_cpu_min: the outer steps' CPU-minutes, mean over seeds\n\n{table}\n\n" +
          '\n'.join(f'- {line(c)}' for c in comps) +
          "\n\nThe targets (the mean over the datasets >= 0.9x BC, none below 0.5x, at most 10% failed policies on each), on the runs (dataset, seed) both sides of a pair have: the mean over the datasets against BC "
          "trained to convergence (`benchmarks/bc_convergence.py`, the mean of its curves' last half), the datasets "
          "below 0.5x BC, those with more than 10% failed policies:\n\n" +
          format_table([dict(variant=t['variant'], datasets=t['datasets'], runs=t['runs'], mean=f"{t['mean']:.1f}",
                             bc=f"{t['bc']:.1f}", x_bc=f"{t['x_bc']:.2f}x", below_half_bc=', '.join(t['below_half_bc']) or '-',
                             failed_over_10=', '.join(t['failed_over_10']) or '-') for t in tg]) +
          "\n\nThe paper's ordering with `fast-noise` (Av-PBC is `noise`; DBC runs as `fast` there), on the runs "
          "(dataset, seed) all four methods have: IQM per dataset, whether Av-PBC > PBC > DBC > Random Selection holds, "
          f"then P(each beats the next) across those datasets; the ordering holds on "
          f"{sum(r['holds'] for r in order_rows)} of {len(order_rows)}:\n\n" +
          format_table([{**{k: f'{v:.1f}' if isinstance(v, float) else v for k, v in r.items()}, 'holds': 'yes' if r['holds'] else 'no'}
                        for r in order_rows]) + '\n\n' + '\n'.join(f'- {line(c)}' for c in order_pairs) +
          "\n\nTable 1 under `fast-noise`, the default recipe: each method's mean over its policies (20 a set, 5 episodes "
          "each) with a 95% bootstrap CI and its number of seeds (Av-PBC: `noise`'s sets; DBC runs as `fast`); BC on "
          "all data, one 10,000-step policy; BC converged, `bc_convergence.py`; the paper's on D4RL:\n\n" + format_table(t1) + '\n')
    (pilots/'compare.md').write_text(md)
    print(md)
