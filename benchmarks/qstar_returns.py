"""Q* against the discounted return-to-go on the dataset of each shipped teacher: a sample of transitions (fixed seed)
with Q*(s, a), the return-to-go of each and whether it is complete (`Transitions.rtg_complete`), and Q*'s Spearman
correlation (on the complete returns-to-go, and on all), for the scatter plots of the pi* and Q*
notebook (06_qstar).

    python benchmarks/qstar_returns.py [--n 1000] [--seed 0] [--out benchmarks/results/qstar_returns.json]

Each teacher in obd_nb/teachers/ is loaded with `shipped_teacher` and `load_qstar(..., data=t)`, so only on the very
data it learned from, which must be built locally (`obd_collect ENV QUALITY`). A teacher whose dataset is missing
keeps its entry from an earlier run of this script, if there is one; run it again when new teachers are shipped.
"""
import argparse, json, re
from pathlib import Path
import torch
from obd_nb.core import load_checkpoint, atomic_path
from obd_nb.data import load_transitions, dataset_path
from obd_nb.qstar import TEACHERS, shipped_teacher, load_qstar, qstar_spearman, spearman

ap = argparse.ArgumentParser()
ap.add_argument('--n', type=int, default=1000, help='transitions sampled per dataset for the scatter')
ap.add_argument('--seed', type=int, default=0, help='seed of the sample')
ap.add_argument('--out', default='benchmarks/results/qstar_returns.json')
args = ap.parse_args(); torch.set_num_threads(1)
out = Path(args.out); old = json.loads(out.read_text())['teachers'] if out.exists() else {}
rows = {}
for p in sorted(TEACHERS.glob('*.pt')):
    m = load_checkpoint(p)[1]; did = m['dataset_id']
    if not dataset_path(did).exists():
        print(f'{did}: not built here ({"kept from the last run" if did in old else "skipped"}); build it with obd_collect')
        if did in old: rows[did] = old[did]
        continue
    t = load_transitions(did, download=False)
    if shipped_teacher(t) != p: raise SystemExit(f'{p.name} was not trained on the local {did}: rebuild the dataset or the teacher.')
    qs = load_qstar(p, 'cpu', data=t); gamma = qs.meta['config']['gamma']
    idx = torch.randperm(len(t), generator=torch.Generator().manual_seed(args.seed))[:args.n]
    q = qs.q_star(qs.norm(t.observations[idx]), t.actions[idx]); rtg = t.returns_to_go(gamma)[idx]
    rows[did] = dict(teacher=p.name, algo=m['algo'], steps=m['steps_done'], gamma=gamma, transitions=len(t),
                     spearman=qstar_spearman(qs, t),  # on 100,000 transitions with complete returns-to-go, as obd_qreport measures it
                     spearman_all=qstar_spearman(qs, t, tail=None),  # on 100,000 of all transitions
                     spearman_sample=spearman(q, rtg), n=len(idx),
                     q_star=[round(float(x), 3) for x in q], return_to_go=[round(float(x), 3) for x in rtg],
                     complete=[int(x) for x in t.rtg_complete(gamma)[idx]])  # 0: within 459 steps of a time-limit cut
    print(f"{did} ({m['algo']}, {m['steps_done']} steps): Spearman {rows[did]['spearman']:.3f}, all {rows[did]['spearman_all']:.3f} "
          f"(sample of {len(idx)}: {rows[did]['spearman_sample']:.3f})")
res = dict(command='python benchmarks/qstar_returns.py' + (f' --n {args.n}' if args.n != 1000 else '') + (f' --seed {args.seed}' if args.seed else ''),
           n=args.n, seed=args.seed, teachers=rows)
text = re.sub(r'\[\s+([^\[\]{}]*?)\s+\]', lambda m: '[' + ', '.join(x.strip() for x in m[1].split(',')) + ']', json.dumps(res, indent=1))
with atomic_path(out) as f: f.write_text(text + '\n')  # one line per list of numbers
