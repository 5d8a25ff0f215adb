#!/usr/bin/env bash
# The test run: unit tests, scratch-vs-DJL checks, the regression checks against the book's spread and the
# JShell check of the notebooks (mvn test); then every notebook executed by a real Jupyter.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mvn -B package "$@"
scripts/run-notebooks.sh --check
# The PyTorch twin, quick: the comparison rule's tests, then two experiments for one epoch on both sides
scripts/pytorch-twin.sh --quick
