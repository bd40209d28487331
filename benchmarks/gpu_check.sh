#!/usr/bin/env bash
# The GPU checks of obd_nb, on a machine with a CUDA GPU and obd_nb installed (pip install -e ".[dev]").
# Every stage picks the GPU by itself when one is present (`obd_nb.core.get_device`); this script only runs them:
#   1. the tests (nbdev_test), with CUDA visible;
#   2. one outer step on the CPU and on the GPU, timed in the same run (benchmarks/gpu_outer_step.py);
#   3. the main job, `obd_run` with no arguments, timed;
# Outputs go to $OUT (default benchmarks/results/gpu/). Stage limits in seconds: TEST_S, RUN_S; SKIP_TESTS=1 skips stage 1.
set -u
OUT=${OUT:-benchmarks/results/gpu}; mkdir -p "$OUT"
export OBD_QUIET=1 MPLBACKEND=Agg PYTHONUNBUFFERED=1

if [ "${SKIP_TESTS:-0}" != 1 ]; then
  echo "== 1. nbdev_test with CUDA visible ($(date -u +%H:%M:%S))"
  SECONDS=0; timeout "${TEST_S:-240}" nbdev_test 2>&1 | tee "$OUT/nbdev_test.txt"
  echo "nbdev_test: exit ${PIPESTATUS[0]}, ${SECONDS} s wall" | tee -a "$OUT/nbdev_test.txt"
fi

echo "== 2. one outer step, CPU against GPU ($(date -u +%H:%M:%S))"
{ nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader; nproc;
  timeout 240 python benchmarks/gpu_outer_step.py --threads 1 --graph; } 2>&1 | tee "$OUT/outer_step.txt"

echo "== 3. obd_run, no arguments ($(date -u +%H:%M:%S))"
SECONDS=0; timeout "${RUN_S:-300}" obd_run 2>&1 | tee "$OUT/obd_run.txt"
echo "obd_run: exit ${PIPESTATUS[0]}, ${SECONDS} s wall" | tee -a "$OUT/obd_run.txt"
r=$(find obd_runs -name report.json -newer benchmarks/gpu_check.sh | head -1); [ -n "$r" ] && cp "$r" "$OUT/obd_run_report.json"

echo "== done ($(date -u +%H:%M:%S))"
