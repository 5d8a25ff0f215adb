#!/usr/bin/env bash
# The main job: build the jar and reproduce every experiment of the chapter into results/.
# Extra arguments go to the CLI, e.g. scripts/reproduce.sh --seed 3
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mvn -q -B -DskipTests package
java -jar target/d2l-mlp.jar all --out results "$@"
