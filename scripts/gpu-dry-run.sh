#!/usr/bin/env bash
# Pre-flight for the GPU run, on this CPU machine: packs gpu-bundle/ (scripts/gpu-package.sh) and runs
# scripts/gpu-run.sh exactly as the GPU machine will (the jlinked runtime, the trimmed jars, an external libtorch, the
# PyTorch baseline), only with --device cpu, one epoch, and DJL's cached CPU libtorch instead of a JNI built there.
# Run it before the GPU machine's time is spent; the run there is then one command (see docs/gpu.md).
#   scripts/gpu-dry-run.sh            (status 0 and target/gpu-dry/summary.md when everything ran)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/gpu-package.sh
# the CPU libtorch DJL extracted from the pytorch-native-cpu jar while gpu-package.sh ran the experiments
lib=$(ls -d "$HOME"/.djl.ai/pytorch/*-cpu-linux-x86_64 2>/dev/null | tail -1)
[ -n "$lib" ] || { echo "gpu-dry-run: no CPU libtorch under ~/.djl.ai/pytorch (run any experiment once)" >&2; exit 1; }
python=/usr/bin/python3
"$python" -c 'import torch' 2>/dev/null || { echo "gpu-dry-run: $python has no torch: apt-get install python3-torch" >&2
  exit 1; }
out=$PWD/target/gpu-dry
rm -rf "$out"
if ! DEVICE=cpu EXTRA="--epochs 1" CPU_COMPARE=0 BENCH_EPOCHS=3 PYTHON=$python PYTORCH_LIBRARY_PATH=$lib \
    PYTORCH_FLAVOR=cpu OUT=$out GPU_WORK=$PWD/target/gpu-dry-work bash scripts/gpu-run.sh >/dev/null; then
  echo "gpu-dry-run: gpu-run.sh failed, see $out/run.log" >&2
  exit 1
fi
echo "gpu-dry-run: ok; $out/summary.md"
