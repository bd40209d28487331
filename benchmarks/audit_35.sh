#!/usr/bin/env bash
# The hostile and careless inputs of issue #35, re-run as a user runs them: each command's exit code, how many lines it
# wrote to stderr, and its first stderr line. Writes benchmarks/results/audit_35.md. Needs the zoo's HalfCheetah
# medium-replay set (obd_collect halfcheetah medium-replay). Run from the repository's root:
#     bash benchmarks/audit_35.sh
set -u
root=$(pwd); work=$(mktemp -d); cd "$work"
export OBD_QUIET=1
out="$root/benchmarks/results/audit_35.md"
python -c "import numpy as n,json;s=json.dumps(dict(id='x',entry_point='subprocess:getoutput',max_episode_steps=None,kwargs=dict(cmd='touch marker.txt')));n.savez('evil.npz',states=n.zeros((1,11),'f4'),actions=n.zeros((1,3),'f4'),norm_mean=n.zeros(11,'f4'),norm_std=n.ones(11,'f4'),meta=n.array(json.dumps({'env':s})))"
touch afile
{
  echo "\`bash benchmarks/audit_35.sh\`: the cases of issue #35, run as a user runs them (rc, stderr lines, the first)."
  echo
  echo "| command | rc | stderr lines | first stderr line |"
  echo "|---|---|---|---|"
  while IFS= read -r cmd; do
    [ -z "$cmd" ] && continue
    err=$(bash -c "$cmd" 2>&1 >/dev/null); rc=$?
    n=$(printf '%s' "$err" | grep -c '')
    first=$(printf '%s' "$err" | head -n1 | cut -c1-160 | sed 's/|/\\|/g')
    echo "| \`$cmd\` | $rc | $n | $first |"
  done <<'EOF'
obd_eval evil.npz
obd_bc obd/halfcheetah/medium-replay-v0 --steps 20 --out bc_out
obd_distill ''
obd_distill ../../../../etc
obd_distill obd/halfcheetah/medium-replay-v0 --out afile --steps 2
obd_distill obd/halfcheetah/medium-replay-v0/$(printf 'x%.0s' {1..5000})
obd_collect hopper medium --size 100000000000000000000
obd_pretrain obd/halfcheetah/medium-replay-v0 --config alpha=nan
obd_eval evil.npz --threads 100000
obd_train_behavior hopper --steps 50
OBD_QUIET=yes obd_zoo
obd_study --results no_such_folder --table
EOF
  echo
  if [ -e marker.txt ]; then echo "marker.txt exists: code ran."; else echo "marker.txt does not exist: no code from the file ran."; fi
} > "$out"
cat "$out"
rm -rf "$work"
