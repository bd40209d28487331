"""How far the synthetic actions of the study's sets lie outside the env's action range.

    python benchmarks/action_range.py [--recipes fast-mlp2,fast-mlp2-box] [--n_syn 256] [--seed 0]

Reads the sets the study's cells name (`synset` in each cell file under `benchmarks/results/study/`; the files are
in the run folders `obd_study` wrote) and, per set, the share of action coordinates outside the range a policy's tanh
head can output, and the largest |action|. Writes `benchmarks/results/action_range.md`.
"""
import argparse, json
from pathlib import Path
import numpy as np
from obd_nb.core import atomic_path, format_table
from obd_nb.synset import load_synset
from obd_nb.nets import make_policy

RESULTS = Path(__file__).parent/'results'

def action_range(synset_file)->dict:
    "The share of the set's action coordinates outside the policy's range (and beyond twice it), and the largest |action|."
    s = load_synset(synset_file); pi = make_policy(s.env)
    lo, hi = (pi.action_bias - pi.action_scale).numpy(), (pi.action_bias + pi.action_scale).numpy()
    a = np.asarray(s.actions); out = (a < lo) | (a > hi); mid, half = (hi + lo)/2, (hi - lo)/2
    return dict(outside=float(out.mean()), beyond_2x=float((np.abs(a - mid) > 2*half).mean()), max_abs=float(np.abs(a).max()))

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--recipes', default='fast-mlp2,fast-mlp2-box'); ap.add_argument('--n_syn', type=int, default=256)
    ap.add_argument('--seed', type=int, default=0); ap.add_argument('--results', default=str(RESULTS/'study'))
    args = ap.parse_args()
    rows = []
    for recipe in args.recipes.split(','):
        for p in sorted(Path(args.results).glob(f'*/*-{recipe}-n{args.n_syn}-seed{args.seed}.json')):
            r = json.loads(p.read_text())
            if not Path(r['synset']).exists(): print(f"skipped {p}: {r['synset']} is not here (run the cell to make it)"); continue
            rows.append(dict(dataset=r['dataset_id'], method=r['cell']['method'], recipe=recipe, **action_range(r['synset'])))
    text = (f'`python benchmarks/action_range.py --recipes {args.recipes} --n_syn {args.n_syn} --seed {args.seed}`: the share of the '
            'synthetic action coordinates outside the policy\'s action range, beyond twice its half-width, and the largest |action|\n\n')
    text += format_table([{**r, 'outside': f"{r['outside']:.0%}", 'beyond_2x': f"{r['beyond_2x']:.0%}", 'max_abs': round(r['max_abs'], 1)} for r in rows])
    with atomic_path(RESULTS/'action_range.md') as tmp: tmp.write_text(text + '\n')
    print(text)
