#!/usr/bin/env bash
# Executes every notebook in notebooks/ with a real Jupyter and the Java kernel named "java".
#   scripts/run-notebooks.sh            re-execute in place (refreshes the committed outputs)
#   scripts/run-notebooks.sh --check    execute copies into target/notebooks (what the test run does)
# Needs: the jar (mvn -DskipTests package), jupyter-nbconvert, and the project's Java kernel "java" in .jupyter/
# (scripts/setup.sh builds it: rapaio-jupyter-kernel patched so that it answers from its first request; see
# docs/notebooks.md). A kernel that does not start, or any cell error, fails the notebook at once.
# The %jars cell is tagged remove-output: its output is the kernel's coloured "Add /absolute/path to classpath",
# which a second nbconvert pass (no execution) removes, so committed notebooks hold no machine paths.
set -euo pipefail
export PYDEVD_DISABLE_FILE_VALIDATION=1 # silences a debugger warning of Debian's Python
cd "$(dirname "$0")/.."
[ -f target/d2l-mlp.jar ] || mvn -q -B -DskipTests package
export JUPYTER_PATH="$PWD/.jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
if [ ! -f .jupyter/kernels/java/kernel.json ]; then
  echo "the project's Java kernel is missing: run scripts/setup.sh" >&2
  exit 1
fi

# the kernel runs in notebooks/ either way, so the notebooks' relative jar path holds
args=(--inplace)
[ "${1:-}" = "--check" ] && args=(--output-dir target/notebooks)
status=0
passed=0
failed=0
for nb in notebooks/*.ipynb; do
  start=$(date +%s)
  if log=$(jupyter nbconvert --to notebook --execute "${args[@]}" --ExecutePreprocessor.kernel_name=java \
      --ExecutePreprocessor.timeout=1800 --ExecutePreprocessor.startup_timeout=60 "$nb" 2>&1) \
      && out="$([ "${1:-}" = "--check" ] && echo target/notebooks/"$(basename "$nb")" || echo "$nb")" \
      && jupyter nbconvert --to notebook --inplace --log-level=WARN --TagRemovePreprocessor.enabled=True \
      --TagRemovePreprocessor.remove_all_outputs_tags=remove-output "$out"; then
    echo "notebook $(basename "$nb"): ok in $(( $(date +%s) - start )) s"
    # the kernel prints absolute paths (e.g. the jar it added); committed outputs keep them relative to notebooks/
    [ "${args[0]}" = --inplace ] && sed -i "s|$PWD/notebooks/||g; s|$PWD/|../|g" "$nb"
    passed=$((passed + 1))
    continue
  fi
  if grep -q CellExecutionError <<<"$log"; then
    echo "$log" | sed -n '/CellExecutionError/,$p' | grep -v '^\[20..-' | tail -40 >&2
  else
    echo "$log" | grep -v '^\[20..-' | tail -20 >&2
  fi
  echo "notebook $(basename "$nb"): FAILED" >&2
  failed=$((failed + 1))
  status=1
done
echo "notebooks: $passed passed, $failed failed"
exit $status
