#!/usr/bin/env bash
# Executes every notebook in notebooks/ with a real Jupyter and the Java kernel named "java".
#   scripts/run-notebooks.sh            re-execute in place (refreshes the committed outputs)
#   scripts/run-notebooks.sh --check    execute copies into target/notebooks (what the test run does)
# Needs: the jar (mvn -DskipTests package), jupyter-nbconvert, and a "java" kernel (scripts/setup.sh installs
# rapaio-jupyter-kernel under that name). Any cell error fails; a kernel that does not start is retried once.
set -euo pipefail
export PYDEVD_DISABLE_FILE_VALIDATION=1 # silences a debugger warning of Debian's Python
cd "$(dirname "$0")/.."
[ -f target/d2l-mlp.jar ] || mvn -q -B -DskipTests package
jupyter kernelspec list | grep -qE '^\s*java\s' || { echo "no Jupyter kernel named 'java': run scripts/setup.sh" >&2; exit 1; }

# the kernel runs in notebooks/ either way, so the notebooks' relative jar path holds
args=(--inplace)
[ "${1:-}" = "--check" ] && args=(--output-dir target/notebooks)
status=0
for nb in notebooks/*.ipynb; do
  for try in 1 2; do
    start=$(date +%s)
    if log=$(jupyter nbconvert --to notebook --execute "${args[@]}" --ExecutePreprocessor.kernel_name=java \
        --ExecutePreprocessor.timeout=1800 --ExecutePreprocessor.startup_timeout=120 "$nb" 2>&1); then
      echo "notebook $(basename "$nb"): ok in $(( $(date +%s) - start )) s"
      break
    fi
    if [ $try = 1 ] && ! grep -q CellExecutionError <<<"$log"; then
      echo "notebook $(basename "$nb"): kernel did not start, retrying once" >&2
      continue
    fi
    echo "$log" | sed -n '/CellExecutionError/,$p' | grep -v '^\[20..-' | tail -40 >&2
    echo "notebook $(basename "$nb"): FAILED" >&2
    status=1
    break
  done
done
exit $status
