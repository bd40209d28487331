"""Does averaging the synthetic set over its last outer steps score better than the last set?

The study's curves swing from one evaluation point to the next (Walker2d medium, Av-PBC, `fast`, seed 0: 16.3 at
step 200, 23.7 at 400, 10.2 at 600), although the objective has stopped falling: with a constant step the set keeps
wandering around the region it has reached. Each synthetic pair keeps its index from step to step, so the iterates
can be averaged pair by pair (tail, or Polyak-Ruppert, averaging), as stochastic optimisation averages weights. This
script runs one distillation, takes the set every `--every` outer steps, and scores, with the study's protocol
(5 fresh mlp3 policies x 10 episodes, the paper's BC), both the last set and the average of the sets of the last
`--window` steps: one run, the same trajectory, side by side.

The run goes `--every` steps at a time through `distill`'s own resume (checkpoint, optimizer and generator state),
so its trajectory is the one an uninterrupted run takes: the last set is the study cell's set, and scores what the
committed cell scored (`study_cell`, when there is one).

    python benchmarks/tail_average.py [--datasets A,B,... (default: the nine)] [--recipe fast]
        [--objective avpbc] [--seeds 0] [--steps N] [--every 40] [--window 200] [--out obd_runs/tail_average]
        [--results benchmarks/results/tail_average]

One process, one torch thread; the teachers are the shipped ones.
"""
import argparse, json
from dataclasses import replace
from pathlib import Path
import numpy as np, torch
from obd_nb.core import atomic_path, format_table
from obd_nb.data import load_transitions
from obd_nb.distill import recipe_config, distill, objective_loss, real_targets, dataset_log_density, OBJECTIVES
from obd_nb.synset import SynSet, load_synset
from obd_nb.evaluate import evaluate_synset
from obd_nb.inner import fit_bc
from _common import NINE, teacher_for

ap = argparse.ArgumentParser()
ap.add_argument('--datasets', default=','.join(NINE))
ap.add_argument('--recipe', default='fast'); ap.add_argument('--objective', default='avpbc')
ap.add_argument('--seeds', default='0'); ap.add_argument('--steps', type=int, default=None, help="outer steps (default: the recipe's)")
ap.add_argument('--every', type=int, default=40)
ap.add_argument('--window', type=int, default=200, help='average the sets of the last WINDOW outer steps (taken every EVERY steps)')
ap.add_argument('--policies', type=int, default=5); ap.add_argument('--episodes', type=int, default=10)
ap.add_argument('--out', default='obd_runs/tail_average'); ap.add_argument('--results', default='benchmarks/results/tail_average')
ap.add_argument('--keep', action='store_true', help="keep the results' rows of other (dataset, seed) pairs in --results")
a = ap.parse_args()
torch.set_num_threads(1)
res_dir = Path(a.results); res_dir.mkdir(parents=True, exist_ok=True)
cmd = 'python benchmarks/tail_average.py ' + ' '.join(f'--{k} {v}' for k, v in vars(a).items() if k != 'keep' and v is not None)

def study_score(ds:str, seed:int, steps:int|None=None)->float|None:
    "The committed study cell's score of this very run (the recipe's steps only), if there is one."
    cell = Path('benchmarks/results/study')/ds.replace('/', '_')/f'{a.objective}-{a.recipe}-n256-seed{seed}.json'
    return round(json.loads(cell.read_text())['scores']['default']['mean'], 1) if cell.exists() and steps is None else None

def save(rows:list[dict])->tuple[list[dict], str]:
    "This run's rows after the rows in --results of the (dataset, seed) pairs it does not run (with --keep), written atomically; and the command."
    f = res_dir/'tail_average.json'; cur = json.loads(f.read_text()) if a.keep and f.exists() else {}  # read afresh: another run may share the file
    done = {(r['dataset'], r['seed']) for r in rows}
    kept = [r for r in cur.get('rows', []) if (r['dataset'], r['seed']) not in done]
    was = cur.get('command')
    command = cmd if not was else was if cmd in was else f"{was}`, then `{cmd} --keep"
    with atomic_path(f) as tmp: tmp.write_text(json.dumps(dict(command=command, rows=kept + rows), indent=1) + '\n')
    return kept + rows, command

def val_objective(t, syn:SynSet, states, targets, weights, policies:int=4)->float:
    "The objective on fixed real states after the deployment's BC on `syn`, averaged over fresh policies."
    out = []
    for j in range(policies):
        pi = fit_bc(t.info, syn.states, syn.actions, seed=1000+j)
        with torch.no_grad(): out.append(float(objective_loss(a.objective, pi(states), targets, weights)))
    return float(np.mean(out))

rows = []
for ds in a.datasets.split(','):
    t, teacher, qs = teacher_for(load_transitions(ds))
    for seed in map(int, a.seeds.split(',')):
        base = recipe_config(a.recipe, objective=a.objective, seed=seed, steps=a.steps)
        out = Path(a.out)/ds.replace('/', '_')/f'{a.objective}-{a.recipe}-seed{seed}'
        done = load_synset(out/'synset.npz').meta['step'] if (out/'synset.npz').exists() else 0  # a run met before: its sets are on disk
        snaps = []
        for k in range(a.every, base.steps+1, a.every):  # resume `every` steps at a time; eval_episodes=0: checkpoints only
            if k > done: syn = distill(t, teacher, replace(base, steps=k, eval_episodes=0), out, device='cpu', quiet=True)['set']
            if k > base.steps - a.window:  # a set of the window: kept on disk, so that a rerun need not distil again
                snap = out/f'set_step{k}.npz'
                if k > done: syn.save(snap)
                elif not snap.exists(): raise SystemExit(f'{out} holds a run past step {k} without its set at that step: delete the folder to run it again.')
                snaps.append(load_synset(snap))
        last = snaps[-1]; cpu_min = last.meta['seconds']/60  # CPU time of the run's outer steps
        avg = replace(last, states=torch.stack([s.states for s in snaps]).mean(0), actions=torch.stack([s.actions for s in snaps]).mean(0))
        study = study_score(ds, seed, a.steps)
        g = torch.Generator().manual_seed(7919); states = t.norm(t.observations)
        idx = torch.randperm(len(states), generator=g)[:10_000]
        dens = dataset_log_density(t, out.parent/'state_density.npz')[idx] if OBJECTIVES[a.objective].density else None
        tg, w, _ = real_targets(states[idx], t.actions[idx], a.objective, qs, base.beta, dens)
        for name, syn in (('last set', last), (f'average of the last {a.window} steps ({len(snaps)} sets)', avg)):
            sc = evaluate_synset(syn, seeds=a.policies, episodes=a.episodes, seed=seed, device='cpu', quiet=True)  # policy seeds seed.. as the study's
            rows.append(dict(dataset=ds, seed=seed, set=name, score=round(sc['mean'], 1), policy_std=round(sc['seed_std'], 1),
                             policy_means=[round(x, 1) for x in sc['seed_means']], objective=f'{val_objective(t, syn, states[idx], tg, w):.4f}',
                             study_cell=study if name == 'last set' else None, distill_cpu_min=round(cpu_min, 1)))
            print(rows[-1], flush=True)
        save(rows)

rows, cmd = save(rows)
pairs = {}
for r in rows: pairs.setdefault((r['dataset'], r['seed']), []).append(r['score'])  # [last, average]
diff = [v[1] - v[0] for v in pairs.values() if len(v) == 2]
table = format_table([{k: v for k, v in r.items() if k != 'policy_means'} for r in rows])
table += (f"\n\nOver the {len(diff)} runs: last set {np.mean([v[0] for v in pairs.values()]):.1f}, average {np.mean([v[1] for v in pairs.values()]):.1f}; "
          f"the average is higher in {sum(d > 0 for d in diff)} of {len(diff)} (difference {min(diff):+.1f} to {max(diff):+.1f}, mean {np.mean(diff):+.1f})")
(res_dir/'tail_average.md').write_text(f'`{cmd}` (each set scored by {a.policies} fresh mlp3 policies x {a.episodes} episodes with the paper\'s BC; '
                                       f'objective: {a.objective} on 10,000 fixed real states after that BC, 4 fresh policies)\n\n{table}\n')
print(table)
