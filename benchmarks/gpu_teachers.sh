#!/usr/bin/env bash
# Teachers on a GPU: TD3+BC (obd_nb's own learner, unchanged) on the three medium-replay sets at once, one process each
# sharing the GPU, for as long as TOTAL allows, far past the 100,000 steps the CPU affords; beside them, in the same
# run, the same learner on the CPU with one thread (Hopper medium-replay), to compare speeds.
# The curves (a score every EVERY steps, 10 episodes) and the last checkpoints go to $OUT.
# Needs obd_nb importable (pip install -e . or PYTHONPATH); builds the datasets when missing (timed).
# TOTAL bounds the whole script in seconds (datasets, training and curves): training stops TAIL seconds before it,
# so the curves and checkpoints are written in time. Every stage writes its own log under $OUT as it goes.
# On the lent GPU machine (bare: carry gymnasium, mujoco, minari and fastcore as wheels, see the device notes), run it
# with a TOTAL well inside the call's limit, and print nothing through a pipe: a killed pipe returns nothing.
set -u
START=$(date +%s)
OUT=${OUT:-benchmarks/results/gpu_teachers}; mkdir -p "$OUT"
RUNS=${RUNS:-obd_runs/gpu_teachers}; STEPS=${STEPS:-1000000}; EVERY=${EVERY:-25000}; CPU_EVERY=${CPU_EVERY:-5000}
TOTAL=${TOTAL:-300}; TAIL=${TAIL:-40}; JOBS=${JOBS:-3}
DATASETS=${DATASETS:-obd/halfcheetah/medium-replay-v0,obd/hopper/medium-replay-v0,obd/walker2d/medium-replay-v0}
CPU_DATASET=${CPU_DATASET:-obd/hopper/medium-replay-v0}
export MPLBACKEND=Agg PYTHONUNBUFFERED=1 OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}  # one thread per process: several processes share the cores
{ nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader; echo "cores: $(nproc)";
  python -c "import torch; print('torch', torch.__version__, 'cuda', torch.cuda.is_available())"; } 2>&1 | tee "$OUT/machine.txt"

echo "== 1. datasets ($(date -u +%H:%M:%S))"
SECONDS=0
for d in ${DATASETS//,/ }; do OBD_QUIET=1 timeout $(( TOTAL - TAIL - 20 )) python -c "from obd_nb.zoo import build, parse_zoo_id; z = parse_zoo_id('$d'); print(build(z['env'], z['quality'], quiet=True))" & done; wait
echo "datasets: ${SECONDS} s wall" | tee "$OUT/datasets.txt"

LIMIT=$(( TOTAL - TAIL - $(date +%s) + START )); [ "$LIMIT" -gt 10 ] || { echo "no time left to train (TOTAL=$TOTAL)"; exit 1; }
echo "== 2. TD3+BC, $JOBS GPU processes and one CPU process, ${LIMIT} s ($(date -u +%H:%M:%S))"
SECONDS=0
timeout "$LIMIT" python -c "
import torch; from obd_nb.qlearn import pretrain
torch.set_num_threads(1)
pretrain('$CPU_DATASET', 'td3bc', out='$RUNS/cpu', device='cpu', steps=$STEPS, eval_every=$CPU_EVERY)" > "$OUT/cpu.log" 2>&1 &
timeout "$LIMIT" python -c "
from obd_nb.qlearn import pretrain_many
pretrain_many('$DATASETS'.split(','), 'td3bc', jobs=$JOBS, steps=$STEPS, eval_every=$EVERY, out='$RUNS/gpu', device='cuda')" > "$OUT/gpu.log" 2>&1
wait
echo "training: ${SECONDS} s wall ($(date -u +%H:%M:%S))"

echo "== 3. curves"
python - "$RUNS" "$OUT" <<'EOF'
import json, shutil, sys
from pathlib import Path
from obd_nb.core import load_checkpoint
runs, out = Path(sys.argv[1]), Path(sys.argv[2]); rows = []
for p in sorted(runs.glob('*/*/td3bc.pt')):
    _, m = load_checkpoint(p); where = p.parts[-3]
    rows.append(dict(dataset=m['dataset_id'], device=where, steps_done=m['steps_done'], cpu_minutes=m['cpu_minutes'], wall_minutes=m['wall_minutes'],
                     steps_per_s=m['steps_done']/max(m['wall_minutes']*60, 1e-9), curve=[{k: c[k] for k in ('step', 'score', 'std', 'cpu_minutes')} for c in m['curve']]))
    print(f"{where} {m['dataset_id']}: {m['steps_done']} steps in {m['wall_minutes']:.1f} min ({rows[-1]['steps_per_s']:.0f}/s); "
          + ', '.join(f"{c['step']//1000}k {c['score']:.1f}" for c in m['curve']))
    if where == 'gpu': shutil.copy(p, out/f"td3bc_{m['dataset_id'].replace('/', '_')}.pt")
(out/'curves.json').write_text(json.dumps(rows, indent=1))
EOF
echo "== done ($(date -u +%H:%M:%S))"
