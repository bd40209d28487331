"""A pilot of the robust-distillation candidates (#32) on one dataset and seed, at about the CPU of one `fast` run.

A recipe's Av-PBC (`--recipe`, default `fast`: 600 outer steps, one inner initialisation a step) changed by one
candidate (`--variants`, comma-separated): `worst`, 4 initialisations a step with the worst of them added to their mean
(`inits=4, worst=1`, 150 steps: the same number of unrolls); `noise`, the real states moved off the data by Gaussian
noise (`state_noise=--noise`); `sharp`, Q*'s weights sharpened (`weight_temp=--temp`: exp(z / temp), z the standard
score of Q*); `decay`, the outer steps halved every `--halflife` steps (`lr_halflife`); `actlr`, the synthetic actions
moved by their own, smaller step (`action_lr=--action_lr`; the states keep the recipe's); `match`, trajectory matching
(`match_steps=--match_steps` expert steps, `match_experts=--match_experts` experts made at the start; 450 outer steps,
so that with the experts' CPU a run costs about the recipe's); `slack`, a soft bound on the synthetic actions
(`action_slack=--action_slack`: beyond the action range each is pulled back, settling about that many half-widths
out); `fast`, no change. A
`--noise` other than 0.3 names the variant, its run and its files (`noise0.5`). Each set is scored as the study
scores its sets (20 fresh policies x 5 episodes, `evaluate_synset`), so a run compares pair by pair with the study's
cell of the same recipe and seed (`benchmarks/robust_compare.py` does); each row also keeps the share of the set's
action coordinates outside the action range and the largest |action|. One seed on one dataset: a pilot, not a verdict.

    python benchmarks/robust_pilot.py [--dataset obd/walker2d/medium-v0] [--seed 0] [--variants noise]
        [--recipe fast] [--noise 0.3] [--temp 1.0] [--halflife 300] [--action_lr 0.01]
        [--match_steps 1000] [--match_experts 50] [--action_slack 0.5] [--out benchmarks/results/robust_pilot]
"""
import argparse, json, time
from pathlib import Path
import torch
from obd_nb.core import format_table, dataset_slug
from obd_nb.data import load_transitions
from obd_nb.distill import recipe_config, distill, find_teacher
from obd_nb.evaluate import evaluate_synset
from obd_nb.nets import make_policy

ap = argparse.ArgumentParser()
ap.add_argument('--dataset', default='obd/walker2d/medium-v0'); ap.add_argument('--seed', type=int, default=0)
ap.add_argument('--noise', type=float, default=0.3); ap.add_argument('--temp', type=float, default=1.)
ap.add_argument('--halflife', type=int, default=300); ap.add_argument('--action_lr', type=float, default=0.01)
ap.add_argument('--match_steps', type=int, default=1000); ap.add_argument('--match_experts', type=int, default=50)
ap.add_argument('--action_slack', type=float, default=0.5)
ap.add_argument('--variants', default='fast,worst,noise')
ap.add_argument('--recipe', default='fast', help='the recipe the variants change (a key of RECIPES)')
ap.add_argument('--runs', default='obd_runs/robust_pilot'); ap.add_argument('--out', default='benchmarks/results/robust_pilot')
args = ap.parse_args()
torch.set_num_threads(1)
VARIANTS = {'fast': dict(), 'worst': dict(inits=4, worst=1., steps=150), 'noise': dict(state_noise=args.noise),
            'sharp': dict(weight_temp=args.temp), 'decay': dict(lr_halflife=args.halflife),
            'actlr': dict(action_lr=args.action_lr),
            'match': dict(match_steps=args.match_steps, match_experts=args.match_experts, steps=450),
            'slack': dict(action_slack=args.action_slack)}
t = load_transitions(args.dataset, download=False)
qpath = find_teacher(t)[0]
out = Path(args.out)
out.mkdir(parents=True, exist_ok=True)
rows = []
recipe_tag = '' if args.recipe == 'fast' else f'-{args.recipe}'  # the first pilots' names stay
noise_tag = '' if args.noise == 0.3 or 'noise' not in args.variants else f'{args.noise:g}'  # other levels: own names
for name in args.variants.split(','):
    cfg = recipe_config(args.recipe, objective='avpbc', seed=args.seed, eval_episodes=0, **VARIANTS[name])
    c0 = time.process_time()
    label = name + (noise_tag if name == 'noise' else '')  # e.g. noise0.5
    res = distill(t, qpath, cfg, Path(args.runs)/dataset_slug(args.dataset)/f'{label}{recipe_tag}-seed{args.seed}', quiet=True)
    score = evaluate_synset(res['set'], seed=args.seed, quiet=True)
    pi = make_policy(res['set'].env)  # the action range a tanh policy reaches
    outside = ((res['set'].actions - pi.action_bias).abs() > pi.action_scale)
    rows.append(dict(variant=label, recipe=args.recipe, settings=json.dumps(VARIANTS[name]), mean=score['mean'], ci=score['mean_ci'], iqm=score['iqm'],
                     distill_cpu_minutes=res['set'].meta['seconds']/60, cpu_minutes=(time.process_time() - c0)/60,
                     actions_outside=float(outside.float().mean()), actions_max_abs=float(res['set'].actions.abs().max()),
                     policies=score['seed_means']))
    print({k: v for k, v in rows[-1].items() if k != 'policies'}, flush=True)
opts = ((f' --recipe {args.recipe}' if recipe_tag else '') + (f' --noise {args.noise}' if 'noise' in args.variants else '')
        + (f' --temp {args.temp}' if 'sharp' in args.variants else '')
        + (f' --halflife {args.halflife}' if 'decay' in args.variants else '')
        + (f' --action_lr {args.action_lr}' if 'actlr' in args.variants else '')
        + (f' --match_steps {args.match_steps} --match_experts {args.match_experts}' if 'match' in args.variants else '')
        + (f' --action_slack {args.action_slack}' if 'slack' in args.variants else ''))
cmd = f'python benchmarks/robust_pilot.py --dataset {args.dataset} --seed {args.seed}{opts} --variants {args.variants}'
# the noise and worst pilots' files keep their names; other variants get their own
named = ('' if set(args.variants.split(',')) <= {'noise', 'worst'} and not noise_tag else '-' + args.variants.replace(',', '-')) + (noise_tag and f'-{noise_tag}') + recipe_tag
out_file = out/f'{dataset_slug(args.dataset)}-seed{args.seed}{named}'
Path(f'{out_file}.json').write_text(json.dumps(dict(command=cmd, rows=rows), indent=1))
md = format_table([dict(variant=r['variant'], settings=r['settings'], mean=f"{r['mean']:.1f}",
                        ci=f"[{r['ci'][0]:.1f}, {r['ci'][1]:.1f}]", iqm=f"{r['iqm']:.1f}",
                        distill_cpu_minutes=f"{r['distill_cpu_minutes']:.1f}", actions_outside=f"{r['actions_outside']:.0%}",
                        actions_max_abs=f"{r['actions_max_abs']:.1f}") for r in rows])
Path(f'{out_file}.md').write_text(f'`{cmd}` (Av-PBC, recipe {args.recipe}, one seed; each set scored by 20 policies x 5 episodes)\n\n{md}\n')
print(md)
