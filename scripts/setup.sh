#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to build, test and reproduce d2l-mlp:
# a JDK 17 and Maven (if missing), Debian's Fashion-MNIST package, Jupyter's nbconvert with a Java kernel named
# "java" (rapaio-jupyter-kernel from Maven Central, unless a "java" kernel such as IJava exists), and the Kaggle
# house-price files in the user cache when a local copy of them lies beside the checkout (so nothing is downloaded).
# Safe to run twice.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v javac >/dev/null || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || need+=(maven)
[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || need+=(dataset-fashion-mnist)
command -v jupyter-nbconvert >/dev/null || need+=(jupyter-nbconvert python3-nbclient jupyter-client)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing ${need[*]}; run 'sudo apt-get install ${need[*]}' or this script as root" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi

# The house-price CSVs: the project's data hub looks in the user cache before downloading. A machine without internet
# access can hold a copy of the book's two files in a data folder next to the checkout (D2L_HOUSE_COPY).
cache="${D2L_CACHE_DIR:-$HOME/.d2l/data}/kaggle-house"
copy=${D2L_HOUSE_COPY:-../shared/data/kaggle-house}
if [ -d "$copy" ] && [ ! -f "$cache/kaggle_house_pred_train.csv" ]; then
  mkdir -p "$cache"
  cp "$copy"/*.csv "$cache/"
fi

# The Java kernel for the notebooks, installed under the kernel name the notebooks ask for: "java".
if ! jupyter kernelspec list 2>/dev/null | grep -qE '^\s*java\s'; then
  mvn -q -B dependency:copy -Dartifact=io.github.padreati:rapaio-jupyter-kernel:3.0.1 -DoutputDirectory=target/kernel
  # the installer writes under Java's user.home, which need not be $HOME (where jupyter looks)
  java -Duser.home="$HOME" -jar target/kernel/rapaio-jupyter-kernel-3.0.1.jar -i -auto >/dev/null
  kernels="$HOME/.local/share/jupyter/kernels"
  rm -rf "$kernels/java"
  mv "$kernels/rapaio-jupyter-kernel" "$kernels/java"
  sed -i "s|kernels/rapaio-jupyter-kernel/|kernels/java/|; s|\"display_name\": \"[^\"]*\"|\"display_name\": \"Java\"|" \
    "$kernels/java/kernel.json"
fi
