#!/usr/bin/env bash
# The test run: unit tests, scratch-vs-DJL checks, the regression checks against the book's spread and the
# JShell check of the notebooks (mvn test); then every notebook executed by a real Jupyter; then the reader's path in
# a real browser: scripts/notebooks.sh starts JupyterLab and headless Chromium runs notebooks from its UI.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
mvn -B package "$@"
scripts/run-notebooks.sh --check
/usr/bin/python3 scripts/browser_test.py
