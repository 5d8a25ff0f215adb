#!/usr/bin/env bash
# The PyTorch twin: the experiments with a counterpart in the book's PyTorch code or an obvious PyTorch form, run
# here on both sides over the same seeds, compared by a permutation test of stated power (scripts/pytorch/compare.py).
#
#   scripts/pytorch-twin.sh [--seeds N] [--threads T] [--quick] [--report-only] [--reuse JSON]... [EXPERIMENT ...]
#
# Runs scripts/setup.sh, makes a Python environment in target/pytorch-venv unless one is there (numpy, pandas and
# torch's CPU build, scripts/pip-torch-cpu.sh), builds the jar if it is missing, then runs scripts/pytorch/twin.py:
# results/pytorch-twin.md, .svg and .json (every experiment, each at the seeds twin.py gives it unless --seeds).
# --quick (what scripts/test.sh runs): the comparison's unit tests, then 1 seed, 1 epoch, three experiments, report in
# target/pytorch-twin-quick/; when no Python with torch can be set up, that second part is skipped with one line.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0
args=()
for a in "$@"; do
  case "$a" in
    --quick) quick=1 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) args+=("$a") ;;
  esac
done

scripts/setup.sh
if [ $quick = 1 ]; then
  python3 -m unittest discover -q -s scripts/pytorch -p 'test_*.py'
fi

venv=target/pytorch-venv
py=$venv/bin/python
# Both sides compute with AVX2 kernels where the CPU has them: the jar pins itself (runtime.NativeEnvironment), and the
# PyTorch side gets the same variables, so that its numbers too are the same on every x86-64 CPU with AVX2.
if grep -qw avx2 /proc/cpuinfo 2>/dev/null && grep -qw fma /proc/cpuinfo; then
  export ATEN_CPU_CAPABILITY=${ATEN_CPU_CAPABILITY:-avx2} MKL_ENABLE_INSTRUCTIONS=${MKL_ENABLE_INSTRUCTIONS:-AVX2} \
    ONEDNN_MAX_CPU_ISA=${ONEDNN_MAX_CPU_ISA:-AVX2}
fi
have_torch() { [ -x "$py" ] && "$py" -c 'import torch, numpy, pandas' 2>/dev/null; }

if ! have_torch; then
  mkdir -p target
  rm -rf "$venv"
  log=target/pytorch-venv.log
  python3 -m venv "$venv" >"$log" 2>&1 || true
  if [ -x "$venv/bin/pip" ]; then
    scripts/pip-torch-cpu.sh "$venv" "$log" numpy pandas | sed 's/^/pytorch-twin: /' || true
  fi
fi
if ! have_torch; then
  if [ $quick = 1 ]; then
    echo "pytorch-twin: skipped, no Python with torch, numpy and pandas could be set up (see target/pytorch-venv.log)"
    exit 0
  fi
  echo "pytorch-twin: could not install torch, numpy and pandas into $venv (see target/pytorch-venv.log)" >&2
  exit 1
fi

[ -f target/d2l-mlp.jar ] || mvn -B -q -DskipTests package

if [ $quick = 1 ]; then
  rm -rf target/pytorch-twin-quick
  exec "$py" scripts/pytorch/twin.py --python "$py" --seeds 1 --epochs 1 \
    --raw target/pytorch-twin-quick/raw --report target/pytorch-twin-quick/pytorch-twin.md \
    --command "scripts/pytorch-twin.sh --quick" --check "${args[@]}" mlp-scratch weight-decay-concise backprop
fi
exec "$py" scripts/pytorch/twin.py --python "$py" "${args[@]}"
