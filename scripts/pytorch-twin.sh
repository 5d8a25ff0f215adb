#!/usr/bin/env bash
# The PyTorch twin: every experiment with a counterpart in the book's PyTorch code, run here on both sides over the
# same seeds, compared by a permutation test of stated power (scripts/pytorch/compare.py).
#
#   scripts/pytorch-twin.sh [--seeds N] [--threads T] [--quick] [--report-only] [--reuse JSON]... [EXPERIMENT ...]
#
# Makes a Python environment in target/pytorch-venv (torch CPU, numpy, pandas) unless one is there, builds the jar
# if it is missing, then runs scripts/pytorch/twin.py: results/pytorch-twin.md, .svg and .json (every experiment,
# 15 seeds for the cheap ones and 5 for the networks unless --seeds). --quick (what scripts/test.sh runs): the
# comparison's unit tests, then 1 seed, 1 epoch, two experiments, report in target/pytorch-twin-quick/; when no
# Python with torch can be set up, that second part is skipped with one line.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0
args=()
for a in "$@"; do
  case "$a" in
    --quick) quick=1 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) args+=("$a") ;;
  esac
done

if [ $quick = 1 ]; then
  python3 -m unittest discover -q -s scripts/pytorch -p 'test_*.py'
fi

venv=target/pytorch-venv
py=$venv/bin/python
have_torch() { [ -x "$py" ] && "$py" -c 'import torch, numpy, pandas' 2>/dev/null; }

if ! have_torch; then
  mkdir -p target
  if ! python3 -m venv "$venv" >/dev/null 2>&1; then
    # Debian's python3 needs python3-venv for that
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get install -y -q python3-venv >/dev/null 2>&1 \
        || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q python3-venv >/dev/null 2>&1; } || true
    fi
    rm -rf "$venv"
    python3 -m venv "$venv" >/dev/null 2>&1 \
      || echo "'python3 -m venv' failed: install Debian's python3-venv" >target/pytorch-venv.log
  fi
  if [ -x "$venv/bin/pip" ]; then
    # Plain pip first. Where its default index cannot be reached but a local one is configured, pip would spend
    # minutes retrying the default for every package: then the first configured extra index serves as the index.
    index=()
    if ! python3 -c 'import urllib.request; urllib.request.urlopen("https://pypi.org/simple/pip/", timeout=5)' \
        >/dev/null 2>&1; then
      local_index=$("$venv/bin/pip" config get global.extra-index-url 2>/dev/null | awk '{print $1}' || true)
      if [ -n "$local_index" ]; then index=(--index-url "$local_index"); fi
    fi
    "$venv/bin/pip" install -q "${index[@]}" torch numpy pandas >target/pytorch-venv.log 2>&1 || true
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
    --command "scripts/pytorch-twin.sh --quick" --check "${args[@]}" mlp-scratch weight-decay-concise
fi
exec "$py" scripts/pytorch/twin.py --python "$py" "${args[@]}"
