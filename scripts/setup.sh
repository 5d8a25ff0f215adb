#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to build, test and reproduce d2l-mlp:
# a JDK 17 and Maven (if missing), Debian's Fashion-MNIST package, and the Kaggle house-price files in the
# user cache when a copy sits next to the checkout (../shared/data/kaggle-house). Safe to run twice.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v javac >/dev/null || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || need+=(maven)
[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || need+=(dataset-fashion-mnist)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing ${need[*]}; run 'sudo apt-get install ${need[*]}' or this script as root" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi

# The house-price CSVs: the project's data hub looks in the user cache before downloading.
cache="${D2L_CACHE_DIR:-$HOME/.d2l/data}/kaggle-house"
if [ -d ../shared/data/kaggle-house ] && [ ! -f "$cache/kaggle_house_pred_train.csv" ]; then
  mkdir -p "$cache"
  cp ../shared/data/kaggle-house/*.csv "$cache/"
fi
