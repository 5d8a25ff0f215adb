#!/usr/bin/env bash
# The test run: unit tests, scratch-vs-DJL checks, the regression checks against the book's spread, the exact
# golden check of the quick experiments against results/ and the JShell check of the notebooks (mvn test), the jar,
# and the format check (mvn verify: spotless fails on unformatted code); then every notebook executed by a real
# Jupyter, one of them twice to show that a re-run gives the same file; then the reader's path in a real browser (scripts/notebooks.sh starts
# JupyterLab and headless Chromium runs notebooks from its UI); then the PyTorch twin's quick mode.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
mvn -B verify "$@"
# Jupyter and the browser run every notebook at one epoch per training (the committed outputs run the book's
# settings, over half an hour on two cores); the notebooks' own checks against the library hold at any epoch count.
export D2L_NOTEBOOK_EPOCHS=${D2L_NOTEBOOK_EPOCHS:-1}
scripts/run-notebooks.sh --check
# executing a notebook again on the same machine must give the same file, byte for byte
cp target/notebooks/02-mlp-scratch.ipynb target/02-mlp-scratch.first-run.ipynb
NOTEBOOKS=notebooks/02-mlp-scratch.ipynb scripts/run-notebooks.sh --check
cmp target/02-mlp-scratch.first-run.ipynb target/notebooks/02-mlp-scratch.ipynb
/usr/bin/python3 scripts/browser_test.py
# the PyTorch twin, quick: the comparison rule's tests, then three experiments for one epoch on both sides
scripts/pytorch-twin.sh --quick
