#!/usr/bin/env bash
# Runs the chapter on a CUDA machine without Java or network access (it needs a CUDA PyTorch in python3, cmake and
# g++), from the repository root, with the gpu-bundle/ folder that scripts/gpu-package.sh made at that root:
#   bash scripts/gpu-run.sh          (OUT=DIR chooses where the results go)
# 1. unpacks the Java runtime, the data and DJL's JNI sources into $GPU_WORK (default /tmp/d2l-gpu);
# 2. builds DJL 0.36's JNI against python3's PyTorch (build-jni.sh, unless PYTORCH_LIBRARY_PATH is set already) and
#    runs Java with DJL_OFFLINE=true PYTORCH_LIBRARY_PATH=<torch lib> PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cu128;
# 3. runs mlp-scratch mlp-concise dropout-scratch dropout-concise kaggle-house kaggle-house-mlp with --device gpu,
#    activations with --device auto (its "device:" line must name the GPU), the concise-MLP benchmark
#    (d2l.mlp.bench.Benchmark) on the GPU, the same benchmark in PyTorch (scripts/bench_pytorch.py, python3's torch,
#    data resident on the GPU), then mlp-concise and the DJL benchmark on the CPU for comparison;
# 4. writes four files into $OUT (default target/gpu-out): summary.md (machine, commands, final numbers
#    against the book's spread, epoch times), timings.json, run.log, results.tar.gz (metrics.json, plots,
#    submission.csv of every run, the benchmark JSON).
# scripts/gpu-dry-run.sh runs this script on the CPU machine first, through these settings: DEVICE (gpu), EXTRA
# (more CLI options, e.g. "--epochs 1"), CPU_COMPARE (1), BENCH_EPOCHS (6), PYTORCH_LIBRARY_PATH + PYTORCH_FLAVOR (use
# that libtorch, skip the JNI build), PYTHON (python3: runs the PyTorch benchmark), GPU_WORK, OUT.
set -uo pipefail
cd "$(dirname "$0")/.."
bundle=$PWD/gpu-bundle
out=${OUT:-$PWD/target/gpu-out}
work=${GPU_WORK:-/tmp/d2l-gpu}
device=${DEVICE:-gpu}
extra=${EXTRA:-}
bench_epochs=${BENCH_EPOCHS:-6}
experiments="mlp-scratch mlp-concise dropout-scratch dropout-concise kaggle-house kaggle-house-mlp"
mkdir -p "$out"
exec > >(tee "$out/run.log") 2>&1
start=$(date +%s)
status=0
say() { echo "== $(date +%T) (+$(($(date +%s) - start)) s) $*"; }
fail() { say "FAILED: $*"; status=1; }

[ -f "$bundle/jre.tar.xz" ] || { say "no $bundle/jre.tar.xz: run scripts/gpu-package.sh and carry gpu-bundle"; exit 1; }
rm -rf "$work" && mkdir -p "$work"
say "machine"
{
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null || echo "no nvidia-smi"
  python3 -c 'import torch; print("python3 torch", torch.__version__, "cuda", torch.version.cuda)' 2>/dev/null \
    || echo "no torch in python3"
  echo "cpus $(nproc)"
  echo "commit $(cat "$bundle/COMMIT" 2>/dev/null)"
} | tee "$work/machine.txt"

say "unpacking runtime, data, JNI sources"
tar xJf "$bundle/jre.tar.xz" -C "$work" && tar xJf "$bundle/data.tar.xz" -C "$work" \
  && gzip -1 "$work"/data/fashion-mnist/*-ubyte && tar xJf "$bundle/djl-jni.tar.xz" -C "$work" \
  || { say "unpacking failed"; exit 1; }
java=$work/jre/bin/java
"$java" -version

if [ -z "${PYTORCH_LIBRARY_PATH:-}" ]; then
  say "building DJL's JNI against python3's PyTorch"
  line=$(bash "$work/jni/build-jni.sh" "$work/jre") || { say "build-jni.sh failed"; exit 1; }
  PYTORCH_LIBRARY_PATH=${line##*PYTORCH_LIBRARY_PATH=}
fi
export DJL_OFFLINE=true PYTORCH_LIBRARY_PATH PYTORCH_VERSION=${PYTORCH_VERSION:-2.7.1}
export PYTORCH_FLAVOR=${PYTORCH_FLAVOR:-cu128}
say "DJL_OFFLINE=$DJL_OFFLINE PYTORCH_LIBRARY_PATH=$PYTORCH_LIBRARY_PATH PYTORCH_VERSION=$PYTORCH_VERSION PYTORCH_FLAVOR=$PYTORCH_FLAVOR"

jrun() { timeout "$1" "$java" -cp "$bundle/lib/*" "${@:2}"; }
say "what DJL sees: GPU count, CUDA version (ai.djl.util.cuda.CudaUtils)"
jrun 60 ai.djl.util.cuda.CudaUtils || echo "(CudaUtils failed)"
experiment() { # TIMEOUT DEVICE DIR NAME...
  local t=$1 dev=$2 dir=$3
  shift 3
  say "run $* --device $dev $extra"
  # shellcheck disable=SC2086
  jrun "$t" d2l.mlp.cli.Main run "$@" --device "$dev" --data-dir "$work/data" --out "$work/$dir" $extra \
    || fail "run $* --device $dev"
}
bench() { # DEVICE
  say "benchmark $bench_epochs epochs --device $1"
  jrun 180 d2l.mlp.bench.Benchmark "$bench_epochs" "$work/bench-$1.json" "$1" >/dev/null || fail "benchmark $1"
}
bench_pytorch() { # DEVICE
  local dev=cpu
  [ "$1" = cpu ] || dev=cuda
  say "benchmark PyTorch $bench_epochs epochs DEVICE=$dev"
  DEVICE=$dev timeout 180 "${PYTHON:-python3}" scripts/bench_pytorch.py "$work/data/fashion-mnist" "$bench_epochs" \
    "$work/bench-pytorch-$1.json" >/dev/null || fail "PyTorch benchmark $1"
}

# shellcheck disable=SC2086
experiment 360 "$device" results-$device $experiments
experiment 60 auto results-auto activations
bench "$device"
bench_pytorch "$device"
if [ "${CPU_COMPARE:-1}" = 1 ] && [ "$device" != cpu ]; then
  experiment 180 cpu results-cpu mlp-concise
  bench cpu
fi

say "summary"
python3 - "$work" "$out" "$out/run.log" <<'PY' || fail "summary"
import glob, json, os, re, statistics, sys

work, out, log = sys.argv[1:4]
text = open(log, errors="replace").read()
walls = {(os.path.basename(os.path.dirname(d)), n): float(s)
         for n, s, d in re.findall(r"(\S+) done in ([\d.]+) s, written to (\S+)", text)}
devices = re.findall(r"^device: (.+)$", text, re.M)
timings, checks = {}, []
for f in sorted(glob.glob(f"{work}/results-*/*/metrics.json")):
    run = os.path.basename(os.path.dirname(os.path.dirname(f)))
    d = json.load(open(f))
    name, hist = d["experiment"], d["metrics"].get("history")
    t = {"wallSeconds": walls.get((run, name))}
    if hist:
        secs = [h["seconds"] for h in hist]
        t["epochSeconds"] = secs
        t["medianEpochSeconds"] = statistics.median(secs[1:] or secs)
    timings.setdefault(run, {})[name] = t
    for c in d["book"]:
        checks.append((run, name, c))
bench = {}
for f in sorted(glob.glob(f"{work}/bench-*.json")):
    b = json.load(open(f))
    bench[os.path.basename(f)[6:-5]] = b
timings["benchmark"] = {k: {"device": b.get("device"), "epochSeconds": b["epochSeconds"],
                            "medianEpochSeconds": b["medianEpochSeconds"],
                            "phaseSecondsPerEpoch": b["phaseSecondsPerEpoch"]} for k, b in bench.items()}
json.dump(timings, open(f"{out}/timings.json", "w"), indent=1)

md = ["# GPU run of d2l-mlp", "", "Written by scripts/gpu-run.sh.", "", "## Machine", "", "```",
      open(f"{work}/machine.txt").read().strip(), "```", "",
      "DJL: " + " ".join(f"{k}={os.environ.get(k, '')}" for k in
                         ("DJL_OFFLINE", "PYTORCH_LIBRARY_PATH", "PYTORCH_VERSION", "PYTORCH_FLAVOR")),
      "", "Devices the runs resolved (in order): " + ", ".join(devices), "",
      "## Commands", "",
      "`run NAMES --device D` is `java -cp 'gpu-bundle/lib/*' d2l.mlp.cli.Main run NAMES --device D --data-dir DATA"
      " --out results-D` in one JVM; `benchmark N epochs --device D` is `java -cp 'gpu-bundle/lib/*'"
      " d2l.mlp.bench.Benchmark N bench-D.json D` (first epochs a warm-up, left out of the median: see Benchmark.warmup);"
      " `benchmark PyTorch N epochs DEVICE=D` is `DEVICE=D python3 scripts/bench_pytorch.py DATA N bench-pytorch-D.json`"
      " (the same network, loop and warm-up in PyTorch).", ""]
md += ["    " + l.split(") ", 1)[1] for l in text.splitlines() if re.match(r"== \S+ \(\+\d+ s\) (run|benchmark) ", l)]
md += ["", "## Times", "", "| run | experiment | epochs | median epoch (s, epochs 2..) | first epoch (s) | wall (s) |",
       "|---|---|---|---|---|---|"]
for run, exps in timings.items():
    if run == "benchmark":
        continue
    for name, t in exps.items():
        e = t.get("epochSeconds")
        md.append(f"| {run} | {name} | {len(e) if e else ''} | {t['medianEpochSeconds']:.3f} |"
                  f" {e[0]:.3f} | {t['wallSeconds'] or ''} |" if e else
                  f"| {run} | {name} | | | | {t['wallSeconds'] or ''} |")
for k, b in bench.items():
    what = f"PyTorch {b['torch']} MLP" if "torch" in b else "concise MLP (DJL)"
    md.append(f"| bench-{k} | {what}, {len(b['epochSeconds'])} epochs | {len(b['epochSeconds'])} |"
              f" {b['medianEpochSeconds']:.3f} | {b['epochSeconds'][0]:.3f} | |")
md += ["", "## Final numbers against the book's spread", "",
       "| run | experiment | quantity | ours | book | spread | inside |", "|---|---|---|---|---|---|---|"]
for run, name, c in checks:
    inside = c["lo"] <= c["ours"] <= c["hi"]
    md.append(f"| {run} | {name} | {c['quantity']} | {c['ours']:.4f} | {c['book']} | {c['lo']}–{c['hi']} |"
              f" {'yes' if inside else 'NO'} |")
open(f"{out}/summary.md", "w").write("\n".join(md) + "\n")
print("\n".join(md))
PY
(cd "$work" && tar czf "$out/results.tar.gz" machine.txt results-* bench-*.json 2>/dev/null) || fail "results.tar.gz"
say "done, status $status; files in $out: $(ls "$out" | tr '\n' ' ')"
exit $status
