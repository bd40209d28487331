"""Both cores for `obd_run`: its default run three ways, one after the other in this invocation, each from an empty run
folder (BC on all of the data trained afresh; the shipped teacher; the dataset built beforehand):

- `one-thread`: one process, one torch thread (one core);
- `threads`: one process, torch's default threads (both cores: the outer step's products on two threads), as `obd_run` runs;
- `processes`: the references (BC on all of the data, its score, Random Selection) in a second process (`jobs=2`),
  one torch thread in each.

Run it on an otherwise idle machine: it reports wall time, and the ratios to `one-thread`.

    python benchmarks/both_cores.py [--dataset obd/halfcheetah/medium-replay-v0] [--modes one-thread,threads,processes] [--results benchmarks/results/both_cores]
"""
import argparse, json, os, shutil, time
from dataclasses import replace
from pathlib import Path
import torch
from obd_nb.core import format_table
from obd_nb.cli import RunConfig, run, run_data

ap = argparse.ArgumentParser()
ap.add_argument('--dataset', default=RunConfig().dataset); ap.add_argument('--modes', default='one-thread,threads,processes')
ap.add_argument('--out', default='obd_runs/both_cores'); ap.add_argument('--results', default='benchmarks/results/both_cores')
args = ap.parse_args()

cfg = RunConfig(dataset=args.dataset); run_data(cfg, quiet=True)  # build the dataset first, outside the clock
n = torch.get_num_threads()  # torch's default: one per core
MODES = {'one-thread': (1, 1), 'threads': (1, n), 'processes': (2, n)}  # jobs, torch threads of this process (run(jobs=2) gives each process one fewer, one at least)
load = lambda: Path('/proc/loadavg').read_text().split()[0] if Path('/proc/loadavg').exists() else '?'
rows = []
for mode in args.modes.split(','):
    jobs, threads = MODES[mode]; torch.set_num_threads(threads)
    out = Path(args.out)/mode; shutil.rmtree(out, ignore_errors=True)
    load0, t0 = load(), time.time(); rep = run(replace(cfg, out=str(out)), quiet=True, jobs=jobs); wall = time.time() - t0
    ev = rep['evaluation']
    rows.append(dict(mode=mode, jobs=jobs, threads=str(threads) if jobs == 1 else f'{max(1, threads-1)}+1', wall_min=round(wall/60, 2),
                     load_before=load0, distill_cpu_min=round(rep['curve'][-1]['seconds']/60, 2),
                     **{k: round(ev[k]['mean'], 1) for k in ('random', 'synset', 'bc', 'pi_star')}))
    print(rows[-1], flush=True)
torch.set_num_threads(n)
one = {r['mode']: r['wall_min'] for r in rows}.get('one-thread')
for r in rows: r['speedup'] = f"{one/r['wall_min']:.2f}x" if one else 'n/a'
res = Path(args.results); res.mkdir(parents=True, exist_ok=True)
(res/'both_cores.json').write_text(json.dumps(dict(dataset=args.dataset, rows=rows, cpus=os.cpu_count(), torch=torch.__version__), indent=1))
md = (f"`python benchmarks/both_cores.py` on {os.cpu_count()} cores, torch {torch.__version__}: `obd_run`'s default run on {args.dataset}, "
      f"three ways, each from an empty run folder. threads: torch threads per process; wall_min: wall-clock minutes of `run`; "
      f"speedup: one-thread's wall time over the row's; load_before: the 1-minute load average at the row's start; "
      f"distill_cpu_min: CPU minutes of the outer steps (all threads); scores: normalized return.\n\n" + format_table(rows) + "\n")
(res/'both_cores.md').write_text(md); print(md)
