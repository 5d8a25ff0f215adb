#!/usr/bin/env bash
# The test run: unit tests, scratch-vs-DJL checks and the regression checks against the book's spread.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mvn -B test "$@"
