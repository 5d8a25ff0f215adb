#!/usr/bin/env bash
# Installs torch's CPU build, and PACKAGEs, into the Python environment VENV with its pip; pip's messages go to LOG.
# pip resolves first (a dry run that reads the wheels' metadata); where it would take a CUDA build of torch (a +cu
# version or nvidia-* requirements, several GB: plain pip's torch on Linux x86-64), torch comes from the index in
# PYTORCH_CPU_INDEX instead: the address of PyTorch's CPU wheel index, from the "CPU" choice of PyTorch's install
# instructions (the project names no package host itself). Without it the script stops before downloading, saying so.
# Uses scripts/pip-index.sh for the other packages' index.
#   scripts/pip-torch-cpu.sh VENV LOG [PACKAGE ...]
# Exit 0 when pip installed them, 1 when not (see LOG), 2 for a bad command line.
set -euo pipefail
if [ $# -lt 2 ] || [ ! -x "$1/bin/pip" ]; then
  echo "usage: scripts/pip-torch-cpu.sh VENV LOG [PACKAGE ...]  (VENV: a Python environment with pip)" >&2
  exit 2
fi
pip=$1/bin/pip
log=$2
shift 2
mapfile -t index < <("$(dirname "$0")/pip-index.sh" "$pip")
report=$(mktemp)
trap 'rm -f "$report"' EXIT
"$pip" install -q --dry-run --report "$report" "${index[@]}" torch "$@" >>"$log" 2>&1 || exit 1
if python3 -c '
import json, sys
install = [i["metadata"] for i in json.load(open(sys.argv[1]))["install"]]
sys.exit(0 if any(m["name"].lower().startswith("nvidia-")
                  or (m["name"].lower() == "torch" and "+cu" in m["version"]) for m in install) else 1)' "$report"; then
  if [ -z "${PYTORCH_CPU_INDEX:-}" ]; then
    echo "pip would install a CUDA build of torch (several GB). Set PYTORCH_CPU_INDEX to PyTorch's CPU wheel index" \
      "(the index URL of the 'CPU' choice in PyTorch's install instructions) and run again." | tee -a "$log" >&2
    exit 1
  fi
  cpu_index=$PYTORCH_CPU_INDEX
  echo "pip would install a CUDA build of torch; installing the CPU build from $cpu_index"
  "$pip" install -q --index-url "$cpu_index" torch >>"$log" 2>&1 || exit 1
  [ $# -eq 0 ] || "$pip" install -q "${index[@]}" "$@" >>"$log" 2>&1 || exit 1
else
  "$pip" install -q "${index[@]}" torch "$@" >>"$log" 2>&1 || exit 1
fi
