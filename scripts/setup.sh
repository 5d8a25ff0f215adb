#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to build, test and reproduce d2l-mlp: a JDK 17 or newer
# (openjdk-17-jdk-headless, or openjdk-21-jdk-headless where 17 is not packaged, when javac is missing or older),
# Maven, patch, python3-venv, Debian's Fashion-MNIST package, Jupyter's nbconvert with the project's Java kernel
# "java" (below), and the Kaggle house-price files in the user cache when a local copy of them lies beside the
# checkout (so nothing is downloaded).
#   scripts/setup.sh              the above
#   scripts/setup.sh --notebooks  also JupyterLab 4 in the project's Python environment .venv (scripts/notebooks.sh)
#   scripts/setup.sh --browser    also that, and headless Chromium with Selenium (the browser test of scripts/test.sh)
# Safe to run twice.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-}
case "$mode" in
  '' | --notebooks | --browser) ;;
  *) echo "usage: scripts/setup.sh [--notebooks | --browser]" >&2; exit 2 ;;
esac

javac_major() { # the major version of the javac on PATH, 0 when there is none
  local v
  v=$(javac -version 2>&1 | sed -n 's/^javac \([0-9]*\).*/\1/p') || true
  echo "${v:-0}"
}
need=()
jdk=0
[ "$(javac_major)" -ge 17 ] || jdk=1
command -v mvn >/dev/null || need+=(maven)
command -v patch >/dev/null || need+=(patch)
[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || need+=(dataset-fashion-mnist)
command -v jupyter-nbconvert >/dev/null || need+=(jupyter-nbconvert python3-nbclient jupyter-client)
python3 -c 'import ensurepip' 2>/dev/null || need+=(python3-venv) # python3 -m venv (notebooks, the PyTorch twin)
if [ "$mode" = --browser ]; then
  command -v chromium >/dev/null || need+=(chromium)
  command -v chromedriver >/dev/null || need+=(chromium-driver)
  python3 -c 'import selenium' 2>/dev/null || need+=(python3-selenium)
fi
if [ ${#need[@]} -gt 0 ] || [ $jdk = 1 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    [ $jdk = 0 ] || need+=(openjdk-17-jdk-headless)
    echo "setup: missing ${need[*]}; run 'sudo apt-get install ${need[*]}' or this script as root" >&2
    exit 1
  fi
  apt-get update -qq
  if [ $jdk = 1 ]; then
    if apt-cache show openjdk-17-jdk-headless >/dev/null 2>&1; then
      need+=(openjdk-17-jdk-headless)
    else
      need+=(openjdk-21-jdk-headless)
    fi
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi
if [ "$(javac_major)" -lt 17 ]; then
  echo "setup: javac on PATH is $(javac -version 2>&1 || echo missing), the build needs 17 or newer;" \
    "select an installed JDK 17+ with 'update-alternatives --config javac' (and java), or put it first on PATH" >&2
  exit 1
fi

# The house-price CSVs: the project's data hub looks in the user cache before downloading. A machine without internet
# access can hold a copy of the book's two files in a data folder next to the checkout (D2L_HOUSE_COPY).
cache="${D2L_CACHE_DIR:-$HOME/.d2l/data}/kaggle-house"
copy=${D2L_HOUSE_COPY:-../shared/data/kaggle-house}
if [ -d "$copy" ] && [ ! -f "$cache/kaggle_house_pred_train.csv" ]; then
  mkdir -p "$cache"
  cp "$copy"/*.csv "$cache/"
fi

# The Java kernel "java": rapaio-jupyter-kernel 3.0.1 from Maven Central, rebuilt with scripts/kernel/*.patch, which
# makes it answer from the first request on (the published kernel fails about 2 starts in 5: docs/notebooks.md). Its kernelspec goes to the project's Jupyter data folder .jupyter/, which the
# project's scripts put first on JUPYTER_PATH; the user's own "java" kernel is replaced only when it is
# rapaio-jupyter-kernel (as this script installed it before), so that VS Code and a plain `jupyter lab` get the
# patched one too, and an IJava or JJava installed under that name is left alone.
version=3.0.1
jar=target/kernel/rapaio-jupyter-kernel-$version-patched.jar
if [ ! -f "$jar" ] || [ -n "$(find scripts/kernel -newer "$jar")" ]; then
  rm -rf target/kernel
  for classifier in jar jar:sources; do
    mvn -q -B dependency:copy -Dartifact=io.github.padreati:rapaio-jupyter-kernel:$version:$classifier \
      -DoutputDirectory=target/kernel
  done
  mkdir -p target/kernel/src target/kernel/classes
  sources=$(sed -n 's|^+++ b/||p' scripts/kernel/*.patch)
  # shellcheck disable=SC2086 # one path per word
  (cd target/kernel/src && jar xf ../rapaio-jupyter-kernel-$version-sources.jar $sources)
  cat scripts/kernel/*.patch | patch -s -p1 -d target/kernel/src
  # the published jar bundles JeroMQ relocated under org.rapaio
  # shellcheck disable=SC2086
  (cd target/kernel/src && sed -i 's/\borg\.zeromq\./org.rapaio.org.zeromq./g' $sources)
  # shellcheck disable=SC2086
  (cd target/kernel/src && javac -nowarn --release 17 -cp ../rapaio-jupyter-kernel-$version.jar -d ../classes $sources)
  cp target/kernel/rapaio-jupyter-kernel-$version.jar "$jar.tmp"
  jar uf "$jar.tmp" -C target/kernel/classes .
  mv "$jar.tmp" "$jar"
fi
install_kernel() { # $1: a Jupyter kernels folder; leaves an identical kernel alone (a running one may use it)
  mkdir -p "$1/java"
  local dir
  dir=$(cd "$1/java" && pwd)
  if ! cmp -s "$jar" "$dir/$(basename "$jar")"; then
    cp "$jar" "$dir/.kernel.jar.tmp"
    mv "$dir/.kernel.jar.tmp" "$dir/$(basename "$jar")"
  fi
  cat >"$dir/.kernel.json.tmp" <<EOF
{
  "argv": ["java", "-jar", "$dir/$(basename "$jar")", "{connection_file}"],
  "display_name": "Java",
  "language": "java",
  "interrupt_mode": "message",
  "env": {"RJK_CLASSPATH": "", "RJK_COMPILER_OPTIONS": "", "RJK_INIT_SCRIPT": "", "RJK_TIMEOUT_MILLIS": "-1",
          "RJK_MIMA_CACHE": "mima_cache"}
}
EOF
  mv "$dir/.kernel.json.tmp" "$dir/kernel.json"
  find "$dir" -maxdepth 1 -name 'rapaio-jupyter-kernel-*.jar' ! -name "$(basename "$jar")" -delete
}
install_kernel .jupyter/kernels
user_kernels="$(jupyter --data-dir)/kernels"
if [ ! -f "$user_kernels/java/kernel.json" ] || grep -q rapaio-jupyter-kernel "$user_kernels/java/kernel.json"; then
  install_kernel "$user_kernels"
fi

# JupyterLab 4 for the readers, in a Python environment of the project's own (nothing global). pip takes its default
# index; where that cannot be reached and pip is configured with a local one, that one (scripts/pip-index.sh).
if [ -n "$mode" ] && [ ! -x .venv/bin/jupyter-lab ]; then
  python3 -m venv .venv
  mapfile -t index < <(scripts/pip-index.sh .venv/bin/pip)
  .venv/bin/pip install -q "${index[@]}" 'jupyterlab>=4,<5'
fi
