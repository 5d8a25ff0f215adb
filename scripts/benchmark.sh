#!/usr/bin/env bash
# Side-by-side benchmark of the concise MLP (784-256-10, batch 256, SGD 0.1) and of mlp-best's epoch: DJL (this
# project) against PyTorch 2.x running scripts/bench_pytorch.py, the tightest PyTorch loop we know (the CPU wheel from
# pip, MKL GEMMs like DJL's libtorch, 2 intra-op threads like DJL, in a venv made on the first run, target/bench/torch2;
# TORCH2_VENV=DIR uses another).
#
# At equal settings: both sides compute with the same CPU kernels (AVX2: the jar pins itself, runtime.NativeEnvironment,
# and the PyTorch side gets the same three variables) and wait under the same OpenMP policy, once both spinning
# (OMP_WAIT_POLICY=ACTIVE) and once both sleeping (PASSIVE, the jar's default). Each round runs, alternating which side
# goes first: the concise MLP under both policies on both sides; DJL with its kernels unpinned (what the pin costs);
# the epoch's GEMM-only bound on each side (d2l.mlp.bench.GemmBound, bench_pytorch.py --gemm); mlp-best's epoch
# (784-512-256-10, dropout, Adam with cosine decay; BEST_EPOCHS epochs, default 5) under both policies, PyTorch with
# its fused Adam and with the default Adam. The ratios are medians of per-round ratios.
# After the rounds: the concise MLP quiet and with one core taken by a busy loop this script starts and stops, under
# several wait settings, and whether the numbers stay the same; unless ALL=0, the whole `all` run (every experiment;
# its numbers compared with the committed results/), and with BASELINE_JAR=JAR the same `all` run of another jar,
# alternating, for the ratio of the two. JSON per run in target/bench/.
#   scripts/benchmark.sh [ROUNDS=5] [EPOCHS=10]        (PyTorch's messages go to target/bench/pytorch.log)
# Each run's median leaves out its first 3 epochs (JIT warm-up on the DJL side; the same for PyTorch). Timings on
# shared VMs vary: compare only numbers from the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
epochs=${2:-10}
best_epochs=${BEST_EPOCHS:-5}
out=target/bench
data=/usr/share/datasets/fashion-mnist
mkdir -p "$out"
[ -f target/d2l-mlp.jar ] || mvn -q -B -DskipTests package

# PyTorch 2.x: a venv with torch's CPU build from pip (scripts/pip-torch-cpu.sh).
torch2=${TORCH2_VENV:-$out/torch2}
if ! "$torch2/bin/python" -c 'import torch' 2>/dev/null; then
  python3 -m venv "$torch2" && scripts/pip-torch-cpu.sh "$torch2" "$out/pip.log"
fi
pin="ATEN_CPU_CAPABILITY=avx2 MKL_ENABLE_INSTRUCTIONS=AVX2 ONEDNN_MAX_CPU_ISA=AVX2"
native="ATEN_CPU_CAPABILITY=avx512 MKL_ENABLE_INSTRUCTIONS=AVX512 ONEDNN_MAX_CPU_ISA=ALL" # each CPU's widest
pt2() { # WAIT ARGS...
  local wait=$1; shift
  env $pin OMP_WAIT_POLICY="$wait" TORCH_THREADS=2 "$torch2/bin/python" scripts/bench_pytorch.py "$@" \
    2>>"$out/pytorch.log" >/dev/null
}
djl() { # WAIT MAIN ARGS...
  local wait=$1; shift
  env OMP_WAIT_POLICY="$wait" java -cp target/d2l-mlp.jar "$@" >/dev/null
}
epoch_of() { grep -o '"medianEpochSeconds": [0-9.]*' "$1" | cut -d' ' -f2; }
both() { # ROUND CMD_DJL... -- CMD_PT...: the two sides, in an order that alternates with the round
  local r=$1; shift
  local a=() b=()
  while [ "$1" != -- ]; do a+=("$1"); shift; done
  shift
  b=("$@")
  if (( r % 2 )); then "${a[@]}"; "${b[@]}"; else "${b[@]}"; "${a[@]}"; fi
}
# With BASELINE_JAR=JAR: in each round, first the concise epoch of that jar and of this one, back to back in an order
# that alternates, both pinned and PASSIVE (a jar older than the pin gets it from the environment); BASELINE_ONLY=1
# stops after these pairs and prints their ratio.
base() { # MAIN ARGS...: the baseline jar's
  env $pin OMP_WAIT_POLICY=PASSIVE java -cp "$BASELINE_JAR" "$@" >/dev/null
}
for r in $(seq "$rounds"); do
  if [ -n "${BASELINE_JAR:-}" ]; then
    both "$r" djl PASSIVE d2l.mlp.bench.Benchmark "$epochs" "$out/pair-now-$r.json" \
      -- base d2l.mlp.bench.Benchmark "$epochs" "$out/pair-baseline-$r.json"
    echo "round $r: concise s/epoch, this jar $(epoch_of "$out/pair-now-$r.json") baseline" \
         "$(epoch_of "$out/pair-baseline-$r.json")"
    [ "${BASELINE_ONLY:-0}" = 1 ] && continue
  fi
  for wait in ACTIVE PASSIVE; do
    both "$r" djl $wait d2l.mlp.bench.Benchmark "$epochs" "$out/djl-$wait-$r.json" \
      -- pt2 $wait "$data" "$epochs" "$out/pt2-$wait-$r.json"
  done
  env $native OMP_WAIT_POLICY=PASSIVE java -cp target/d2l-mlp.jar d2l.mlp.bench.Benchmark "$epochs" \
    "$out/djl-native-$r.json" >/dev/null 2>&1
  both "$r" djl PASSIVE d2l.mlp.bench.GemmBound "$out/gemm-djl-$r.json" -- pt2 PASSIVE --gemm "$out/gemm-pt2-$r.json"
  for wait in ACTIVE PASSIVE; do
    both "$r" djl $wait d2l.mlp.bench.BestEpoch "$best_epochs" "$out/best-djl-$wait-$r.json" \
      -- pt2 $wait --best "$data" "$best_epochs" "$out/best-pt2-$wait-$r.json"
    ADAM=default pt2 $wait --best "$data" "$best_epochs" "$out/best-pt2default-$wait-$r.json"
  done
  echo "round $r: concise s/epoch, ACTIVE DJL $(epoch_of "$out/djl-ACTIVE-$r.json") PyTorch" \
       "$(epoch_of "$out/pt2-ACTIVE-$r.json"), PASSIVE DJL $(epoch_of "$out/djl-PASSIVE-$r.json") PyTorch" \
       "$(epoch_of "$out/pt2-PASSIVE-$r.json"); mlp-best PASSIVE DJL $(epoch_of "$out/best-djl-PASSIVE-$r.json")" \
       "PyTorch $(epoch_of "$out/best-pt2-PASSIVE-$r.json")"
done
if [ "${BASELINE_ONLY:-0}" = 1 ]; then
  /usr/bin/python3 scripts/bench_summary.py --pairs "$out" "$rounds"
  exit
fi
# A busy machine: the concise MLP quiet and with one of the cores taken by a busy loop (bounded, and stopped here),
# under several OpenMP wait settings (the jar's default is PASSIVE).
busy_epochs=${BUSY_EPOCHS:-6}
busy=
trap '[ -n "$busy" ] && kill "$busy" 2>/dev/null' EXIT
waits=(default:GOMP_SPINCOUNT=300000 project:OMP_WAIT_POLICY=PASSIVE active:OMP_WAIT_POLICY=ACTIVE spin10k:GOMP_SPINCOUNT=10000
  spin1k:GOMP_SPINCOUNT=1000)
for order in quiet-busy busy-quiet; do
  for load in ${order/-/ }; do
    if [ $load = busy ]; then timeout 900 bash -c 'while :; do :; done' & busy=$!; fi
    for w in "${waits[@]}"; do
      env "${w#*:}" java -cp target/d2l-mlp.jar d2l.mlp.bench.Benchmark "$busy_epochs" \
        "$out/wait-${w%%:*}-$load-$order.json" >/dev/null
    done
    if [ $load = busy ]; then kill "$busy"; busy=; fi
  done
done
# The whole main job: every experiment, as scripts/reproduce.sh runs it; with BASELINE_JAR, that jar's too,
# alternating (baseline, this, this, baseline), for their ratio.
all_run() { # JAR NAME
  local start=$(date +%s%N)
  java -jar "$1" all --out "$out/$2" >"$out/$2.log"
  echo "$2 $(( ($(date +%s%N) - start) / 1000000 ))" >>"$out/all-times"
}
rm -f "$out/all-times"
if [ "${ALL:-1}" != 0 ]; then
  if [ -n "${BASELINE_JAR:-}" ]; then
    all_run "$BASELINE_JAR" all-baseline-1; all_run target/d2l-mlp.jar all; all_run target/d2l-mlp.jar all-2
    all_run "$BASELINE_JAR" all-baseline-2
  else
    all_run target/d2l-mlp.jar all
  fi
fi
/usr/bin/python3 scripts/bench_summary.py "$out" "$rounds"
