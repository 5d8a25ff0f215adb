#!/usr/bin/env bash
# Side-by-side benchmark of the concise MLP (784-256-10, batch 256, SGD 0.1): DJL (this project) against two PyTorch
# baselines running scripts/bench_pytorch.py, the tightest PyTorch loop we know:
#   PyTorch 2.x  the CPU wheel from pip (MKL GEMMs, like DJL's libtorch), 2 intra-op threads like DJL, in a venv
#                made on the first run (target/bench/torch2; TORCH2_VENV=DIR uses another);
#   PyTorch 1.13 Debian's python3-torch on OpenBLAS (pthread, 2 BLAS threads, 1 torch thread): the fastest GEMMs
#                found on the project's VM.
# Each round runs the three, in a rotating order, then the epoch's GEMM-only bound on each side
# (d2l.mlp.bench.GemmBound, bench_pytorch.py --gemm), then mlp-best's epoch (784-512-256-10, dropout, Adam with
# cosine decay) on each side, DJL and PyTorch 2.x, BEST_EPOCHS epochs (default 4; d2l.mlp.bench.BestEpoch,
# bench_pytorch.py --best). After the rounds: the cost of mlp-best's dropout masks drawn three ways
# (d2l.mlp.bench.DropoutMasks, bench_pytorch.py --masks); the per-step cost of the small-batch experiments
# (d2l.mlp.bench.SmallBatch, bench_pytorch.py --small); the concise MLP on a busy machine, quiet and with one core
# taken by a busy loop this script starts and stops, with libgomp's default wait (GOMP_SPINCOUNT=300000, what
# libgomp does when nothing is set), the project's (TorchRuntime) and a short spin (GOMP_SPINCOUNT=10000), and
# whether the numbers stay the same; and
# the whole `all` run (every experiment; its numbers compared with the committed results/). Prints medians over
# rounds and the ratios; JSON per run in target/bench/.
#   scripts/benchmark.sh [ROUNDS=5] [EPOCHS=10]        (PyTorch's messages go to target/bench/pytorch.log)
# Each run's median leaves out its first 3 epochs (JIT warm-up on the DJL side; the same for PyTorch); its total
# counts every epoch. Timings on shared VMs vary: compare only numbers from the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
epochs=${2:-10}
best_epochs=${BEST_EPOCHS:-4}
out=target/bench
data=/usr/share/datasets/fashion-mnist
mkdir -p "$out"
[ -f target/d2l-mlp.jar ] || mvn -q -B -DskipTests package

# PyTorch 2.x: a venv with torch's CPU build from pip (scripts/pip-torch-cpu.sh).
torch2=${TORCH2_VENV:-$out/torch2}
if ! "$torch2/bin/python" -c 'import torch' 2>/dev/null; then
  python3 -m venv "$torch2" && scripts/pip-torch-cpu.sh "$torch2" "$out/pip.log"
fi
# PyTorch 1.13: Debian's python3-torch links the generic libblas.so.3; make sure it is OpenBLAS (pthread flavour,
# unpacked privately when the system has none).
/usr/bin/python3 -c 'import torch' 2>/dev/null || { apt-get update -qq && apt-get install -y -qq python3-torch; }
blas=/usr/lib/x86_64-linux-gnu/openblas-pthread
if [ ! -f $blas/libblas.so.3 ]; then
  (cd "$out" && apt-get download libopenblas0-pthread >/dev/null && dpkg -x libopenblas0-pthread_*.deb openblas)
  blas=$PWD/$out/openblas/usr/lib/x86_64-linux-gnu/openblas-pthread
fi
pt2() { # ARGS...
  TORCH_THREADS=2 "$torch2/bin/python" scripts/bench_pytorch.py "$@" 2>>"$out/pytorch.log" >/dev/null
}
pt1() { # ARGS...
  LD_LIBRARY_PATH=$blas OPENBLAS_NUM_THREADS=${BLAS_THREADS:-2} TORCH_THREADS=1 /usr/bin/python3 \
    scripts/bench_pytorch.py "$@" 2>>"$out/pytorch.log" >/dev/null
}
djl() { # MAIN ARGS...
  java -cp target/d2l-mlp.jar "$@" >/dev/null
}
epoch_of() { grep -o '"medianEpochSeconds": [0-9.]*' "$1" | cut -d' ' -f2; }
for r in $(seq "$rounds"); do
  runs=(djl pt2 pt1)
  for i in 0 1 2; do
    case ${runs[$(( (i + r - 1) % 3 ))]} in
      djl) djl d2l.mlp.bench.Benchmark "$epochs" "$out/djl-$r.json" ;;
      pt2) pt2 "$data" "$epochs" "$out/pt2-$r.json" ;;
      pt1) pt1 "$data" "$epochs" "$out/pt1-$r.json" ;;
    esac
  done
  djl d2l.mlp.bench.GemmBound "$out/gemm-djl-$r.json"
  pt2 --gemm "$out/gemm-pt2-$r.json"
  pt1 --gemm "$out/gemm-pt1-$r.json"
  if (( r % 2 )); then # alternate which side goes first
    djl d2l.mlp.bench.BestEpoch "$best_epochs" "$out/best-djl-$r.json"; pt2 --best "$data" "$best_epochs" "$out/best-pt2-$r.json"
  else
    pt2 --best "$data" "$best_epochs" "$out/best-pt2-$r.json"; djl d2l.mlp.bench.BestEpoch "$best_epochs" "$out/best-djl-$r.json"
  fi
  echo "round $r: s/epoch DJL $(epoch_of "$out/djl-$r.json"), PyTorch 2.x $(epoch_of "$out/pt2-$r.json")," \
       "PyTorch 1.13 $(epoch_of "$out/pt1-$r.json"); mlp-best DJL $(epoch_of "$out/best-djl-$r.json")," \
       "PyTorch 2.x $(epoch_of "$out/best-pt2-$r.json")"
done
djl d2l.mlp.bench.DropoutMasks "$out/masks-djl.json"
pt2 --masks "$out/masks-pt2.json"
djl d2l.mlp.bench.SmallBatch "$out/small-djl.json"
pt2 --small "$out/small-pt2.json"
BLAS_THREADS=1 pt1 --small "$out/small-pt1.json"
# A busy machine: the concise MLP quiet and with one of the cores taken by a busy loop (bounded, and stopped here),
# under three OpenMP wait settings.
busy_epochs=${BUSY_EPOCHS:-6}
busy=
trap '[ -n "$busy" ] && kill "$busy" 2>/dev/null' EXIT
for load in quiet busy; do
  if [ $load = busy ]; then timeout 900 bash -c 'while :; do :; done' & busy=$!; fi
  GOMP_SPINCOUNT=300000 djl d2l.mlp.bench.Benchmark "$busy_epochs" "$out/wait-default-$load.json"
  djl d2l.mlp.bench.Benchmark "$busy_epochs" "$out/wait-project-$load.json"
  GOMP_SPINCOUNT=10000 djl d2l.mlp.bench.Benchmark "$busy_epochs" "$out/wait-spin10k-$load.json"
done
kill "$busy"; busy=
# The whole main job: every experiment, as scripts/reproduce.sh runs it.
start=$(date +%s%N)
java -jar target/d2l-mlp.jar all --out "$out/all" >"$out/all.log"
all_s=$(( ($(date +%s%N) - start) / 1000000 ))
/usr/bin/python3 - "$out" "$rounds" "$all_s" <<'PY'
import json, re, statistics, sys
out, rounds, all_ms = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
sides = {"djl": "DJL", "pt2": "PyTorch 2.x", "pt1": "PyTorch 1.13"}
def load(prefix):
    return [json.load(open(f"{out}/{prefix}-{r}.json")) for r in range(1, rounds + 1)]
runs = {k: load(k) for k in sides}
gemm = {k: load(f"gemm-{k}") for k in sides}
med = lambda xs: statistics.median(xs)
v = {k: runs[k][0].get("torch", "libtorch (DJL)") for k in sides}
print(f"versions: PyTorch 2.x {v['pt2']}, PyTorch 1.13 {v['pt1']}; {rounds} rounds")
epoch = {k: med([x["medianEpochSeconds"] for x in runs[k]]) for k in sides}
total = {k: med([x["totalSeconds"] for x in runs[k]]) for k in sides}
best = {k: min(x["medianEpochSeconds"] for x in runs[k]) for k in sides}
g = {k: med([x["gemmSecondsPerEpoch"] for x in gemm[k]]) for k in sides}
print(f"{'':34}{'DJL':>8}{'PT 2.x':>8}{'PT 1.13':>8}{'DJL/2.x':>9}{'DJL/1.13':>9}")
def row(name, d, fmt="8.3f"):
    print(f"{name:34}" + "".join(format(d[k], fmt) for k in sides)
          + f"{d['djl'] / d['pt2']:9.2f}{d['djl'] / d['pt1']:9.2f}")
row("median epoch (s), median of rounds", epoch)
row("best round (s)", best)
row(f"all {len(runs['djl'][0]['epochSeconds'])} epochs, warm-up included (s)", total, "8.2f")
for k in runs["djl"][0]["phaseSecondsPerEpoch"]:
    row(f"  phase {k} (s/epoch)", {s: med([x["phaseSecondsPerEpoch"][k] for x in runs[s]]) for s in sides})
row("GEMM-only bound (s/epoch)", g)
row("  of which test-set products (s)", {k: med([x["evalGemmSecondsPerEpoch"] for x in gemm[k]]) for k in sides})
print(f"{'epoch / GEMM bound':34}" + "".join(f"{epoch[k] / g[k]:8.2f}" for k in sides))
print(f"{'peak RSS (MiB)':34}" + "".join(f"{max(x['peakRssMiB'] for x in runs[k]):8.0f}" for k in sides))
print("per round, s/epoch: " + "; ".join(
    f"{sides[k]} " + " / ".join(f"{x['medianEpochSeconds']:.3f}" for x in runs[k]) for k in sides))
r, h = runs["djl"][-1]["rssMiBAfterEpoch"], runs["djl"][-1]["javaHeapCommittedMiBAfterEpoch"]
print(f"DJL RSS after epoch 2 {r[min(1, len(r) - 1)]:.0f} MiB, after epoch {len(r)} {r[-1]:.0f} MiB"
      f" (Java heap committed {h[min(1, len(h) - 1)]:.0f} -> {h[-1]:.0f} MiB)")
sd = json.load(open(f"{out}/small-djl.json"))
s2, s1 = json.load(open(f"{out}/small-pt2.json")), json.load(open(f"{out}/small-pt1.json"))
print(f"{'small-batch step (us)':34}{'DJL':>8}{'PT 2.x':>8}{'PT 1.13':>8}{'DJL/2.x':>9}{'DJL/1.13':>9}")
for name, d, p in [("polynomial, DJL Trainer", sd["polyTrainerMicros"], "polyMicros"),
                   ("polynomial, BatchedLinearModels", sd["polyBatchedMicros"], "polyMicros"),
                   ("house prices, Adam, DJL Trainer", sd["houseTrainerMicros"], "houseMicros")]:
    print(f"{name:34}{d:8.0f}{s2[p]:8.0f}{s1[p]:8.0f}{d / s2[p]:9.2f}{d / s1[p]:9.2f}")
print(f"  (BatchedLinearModels, 95 models per step: {sd['polyBatched95ModelsMicros']:.0f} us)")
bd, bp = load("best-djl"), load("best-pt2")
be = {k: med([x["medianEpochSeconds"] for x in v]) for k, v in (("djl", bd), ("pt2", bp))}
print(f"mlp-best epoch ({bd[0]['threads']} threads both): DJL {be['djl']:.3f} s, PyTorch 2.x {be['pt2']:.3f} s"
      f" ({bp[0]['adam']} Adam), DJL / 2.x {be['djl'] / be['pt2']:.2f}; per round DJL "
      + " / ".join(f"{x['medianEpochSeconds']:.3f}" for x in bd) + ", PyTorch "
      + " / ".join(f"{x['medianEpochSeconds']:.3f}" for x in bp))
md, mp = json.load(open(f"{out}/masks-djl.json")), json.load(open(f"{out}/masks-pt2.json"))
print(f"dropout masks, 256x512 + 256x256, us ({md['threads']} threads): "
      + ", ".join(f"{k[:-6]} DJL {md[k]:.0f} / PyTorch {mp[k]:.0f}"
                  for k in ("libtorchDropoutMicros", "uniformCompareMicros", "uniformOnlyMicros")))
waits = {"default": "libgomp's default (GOMP_SPINCOUNT=300000)", "project": "the project's (TorchRuntime)",
         "spin10k": "GOMP_SPINCOUNT=10000"}
w = {f"{p}-{l}": json.load(open(f"{out}/wait-{p}-{l}.json")) for p in waits for l in ("quiet", "busy")}
for p, name in waits.items():
    q, b = w[f"{p}-quiet"], w[f"{p}-busy"]
    same = q["numbers"] == b["numbers"] == w["project-quiet"]["numbers"]
    print(f"concise MLP, wait {name}: quiet {q['medianEpochSeconds']:.3f} s, one core busy"
          f" {b['medianEpochSeconds']:.3f} s ({b['medianEpochSeconds'] / q['medianEpochSeconds']:.2f}x; all"
          f" {len(b['epochSeconds'])} epochs {q['totalSeconds']:.1f} / {b['totalSeconds']:.1f} s);"
          f" numbers identical to the quiet run with the project's wait: {same}")
done = dict(re.findall(r"^  (\S+) done in ([0-9.]+) s", open(f"{out}/all.log").read(), re.M))
extra = ("distribution-shift", "mlp-best-sweep", "mlp-best")
print(f"all: {all_ms / 1000:.1f} s wall; the book's 15 {sum(float(v) for k, v in done.items() if k not in extra):.1f} s, "
      + ", ".join(f"{k} {done.get(k, '?')} s" for k in extra))
timing = re.compile(r"(?i).*(second|time|millis|duration|elapsed).*")
def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if not timing.match(k)}
    return [strip(x) for x in v] if isinstance(v, list) else v
def numbers(path):
    return strip(json.load(open(path)).get("metrics"))
diff = [k for k in done if numbers(f"{out}/all/{k}/metrics.json") != numbers(f"results/{k}/metrics.json")]
print("all: metrics identical to results/ except " + (", ".join(diff) if diff else "none"))
PY
