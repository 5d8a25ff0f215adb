#!/usr/bin/env bash
# Side-by-side benchmark of the concise MLP (784-256-10, batch 256, SGD 0.1): DJL (this project) and PyTorch
# (scripts/bench_pytorch.py, Debian's python3-torch on OpenBLAS), run alternately ROUNDS times in one go, then the
# wall time of the whole `all` run, then the per-step cost of the small-batch experiments (d2l.mlp.bench.SmallBatch
# against bench_pytorch.py --small). Prints medians and the DJL/PyTorch ratios; JSON per run in target/bench/.
#   scripts/benchmark.sh [ROUNDS=3] [EPOCHS=10]
# Each run's median leaves out its first 3 epochs (JIT warm-up on the DJL side; the same for PyTorch) and its total
# counts every epoch.
# Timings on shared VMs vary: compare only numbers from the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
epochs=${2:-10}
out=target/bench
mkdir -p "$out"
[ -f target/d2l-mlp.jar ] || mvn -q -B -DskipTests package

# PyTorch: Debian's python3-torch links the generic libblas.so.3; make sure it is OpenBLAS (pthread flavour, unpacked
# privately when the system has none), with 2 BLAS threads and 1 intra-op torch thread.
/usr/bin/python3 -c 'import torch' 2>/dev/null || { apt-get update -qq && apt-get install -y -qq python3-torch; }
blas=/usr/lib/x86_64-linux-gnu/openblas-pthread
if [ ! -f $blas/libblas.so.3 ]; then
  (cd "$out" && apt-get download libopenblas0-pthread >/dev/null && dpkg -x libopenblas0-pthread_*.deb openblas)
  blas=$PWD/$out/openblas/usr/lib/x86_64-linux-gnu/openblas-pthread
fi
pytorch() {
  LD_LIBRARY_PATH=$blas OPENBLAS_NUM_THREADS=2 TORCH_THREADS=1 /usr/bin/python3 scripts/bench_pytorch.py \
    /usr/share/datasets/fashion-mnist "$epochs" "$1" 2>/dev/null >/dev/null
}
djl() {
  java -cp target/d2l-mlp.jar d2l.mlp.bench.Benchmark "$epochs" "$1" >/dev/null
}
for r in $(seq "$rounds"); do
  djl "$out/djl-$r.json"
  pytorch "$out/pytorch-$r.json"
  echo "round $r: DJL $(grep -o '"medianEpochSeconds": [0-9.]*' "$out/djl-$r.json" | cut -d' ' -f2) s/epoch," \
       "PyTorch $(grep -o '"medianEpochSeconds": [0-9.]*' "$out/pytorch-$r.json" | cut -d' ' -f2) s/epoch"
done
TIMEFORMAT='all: %R s wall'
time java -jar target/d2l-mlp.jar all --out "$out/all" >/dev/null
java -cp target/d2l-mlp.jar d2l.mlp.bench.SmallBatch "$out/small-djl.json" >/dev/null
LD_LIBRARY_PATH=$blas OPENBLAS_NUM_THREADS=1 /usr/bin/python3 scripts/bench_pytorch.py --small "$out/small-pytorch.json" \
  >/dev/null
/usr/bin/python3 - "$out" "$rounds" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
def load(kind):
    return [json.load(open(f"{out}/{kind}-{r}.json")) for r in range(1, rounds + 1)]
djl, pt = load("djl"), load("pytorch")
d = statistics.median(x["medianEpochSeconds"] for x in djl)
p = statistics.median(x["medianEpochSeconds"] for x in pt)
print(f"median epoch: DJL {d:.3f} s, PyTorch {p:.3f} s, ratio DJL/PyTorch {d / p:.2f}")
bd = min(x["medianEpochSeconds"] for x in djl)
bp = min(x["medianEpochSeconds"] for x in pt)
print(f"best round (least disturbed by the VM): DJL {bd:.3f} s, PyTorch {bp:.3f} s, ratio {bd / bp:.2f}")
td = statistics.median(x["totalSeconds"] for x in djl)
tp = statistics.median(x["totalSeconds"] for x in pt)
print(f"all {len(djl[0]['epochSeconds'])} epochs, warm-up included: DJL {td:.2f} s, PyTorch {tp:.2f} s,"
      f" ratio {td / tp:.2f}")
print("phase (s/epoch)   DJL     PyTorch")
for k in djl[0]["phaseSecondsPerEpoch"]:
    dk = statistics.median(x["phaseSecondsPerEpoch"][k] for x in djl)
    pk = statistics.median(x["phaseSecondsPerEpoch"][k] for x in pt)
    print(f"  {k:<14} {dk:7.3f} {pk:7.3f}")
print(f"peak RSS: DJL {max(x['peakRssMiB'] for x in djl):.0f} MiB, PyTorch {max(x['peakRssMiB'] for x in pt):.0f} MiB")
r, h = djl[-1]["rssMiBAfterEpoch"], djl[-1]["javaHeapCommittedMiBAfterEpoch"]
print(f"DJL RSS after epoch 2 {r[1]:.0f} MiB, after epoch {len(r)} {r[-1]:.0f} MiB"
      f" (Java heap committed {h[1]:.0f} -> {h[-1]:.0f} MiB)")
sd, sp = json.load(open(f"{out}/small-djl.json")), json.load(open(f"{out}/small-pytorch.json"))
print("small-batch step (us)        DJL   PyTorch")
print(f"  polynomial, DJL Trainer  {sd['polyTrainerMicros']:6.0f} {sp['polyMicros']:6.0f}"
      f"  ratio {sd['polyTrainerMicros'] / sp['polyMicros']:.2f}")
print(f"  polynomial, batched      {sd['polyBatchedMicros']:6.0f} {sp['polyMicros']:6.0f}"
      f"  ratio {sd['polyBatchedMicros'] / sp['polyMicros']:.2f}"
      f" (95 models per step: {sd['polyBatched95ModelsMicros']:.0f} us)")
print(f"  house prices, Adam       {sd['houseTrainerMicros']:6.0f} {sp['houseMicros']:6.0f}"
      f"  ratio {sd['houseTrainerMicros'] / sp['houseMicros']:.2f}")
PY
