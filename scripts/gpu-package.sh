#!/usr/bin/env bash
# Packs into gpu-bundle/ what a CUDA machine without Java or network access (but with a CUDA PyTorch in python3, cmake
# and g++) needs to run the chapter there with scripts/gpu-run.sh:
#   jre.tar.xz      a jlinked Java 17 runtime (java.desktop for the plots)
#   lib/            the project's classes and the runtime jars of the -Dgpu profile (no pytorch-native-cpu); jars
#                   outside DJL are cut down to the classes that `all --epochs 1` loads (fastutil and icu4j alone
#                   weigh 38 MB), pytorch-jni loses its prebuilt JNI libraries (the JNI is built there)
#   data.tar.xz     Fashion-MNIST (the raw IDX files; gpu-run.sh gzips them again) and the house-price CSVs
#   djl-jni.tar.xz  build-jni.sh and DJL 0.36.0's JNI sources (GPU_JNI_SRC=DIR: a folder with build-jni.sh and
#                   djl-native-src/, the pytorch-native sources of DJL 0.36.0)
# The working tree and the bundle are copied to the GPU machine together; the script fails when they exceed 64 MiB
# (GPU_COPY_LIMIT_MIB), the budget of that copy.
#   scripts/gpu-package.sh            (needs a JDK 17 with jlink, Maven with the dependencies cached, xz, zip)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bundle=gpu-bundle
work=target/gpu-package
jni_src=${GPU_JNI_SRC:-}
limit=$((${GPU_COPY_LIMIT_MIB:-64} * 1024 * 1024))
mvn="mvn -q -B -o"

[ -n "$jni_src" ] && [ -f "$jni_src/build-jni.sh" ] && [ -d "$jni_src/djl-native-src" ] || {
  echo "gpu-package: set GPU_JNI_SRC to a folder with build-jni.sh and djl-native-src/ (got '$jni_src')" >&2; exit 1; }
find_dir() { # first directory holding all the named files
  local d f ok
  for d in "${@:2}"; do
    ok=1
    for f in $1; do [ -f "$d/$f" ] || ok=0; done
    [ $ok = 1 ] && { echo "$d"; return; }
  done
  echo "gpu-package: none of $* holds all of: $1 (run scripts/setup.sh)" >&2; exit 1
}
cache=${D2L_CACHE_DIR:-$HOME/.d2l/data}
fm=$(find_dir "train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz" \
  ${D2L_DATA_DIR:+"$D2L_DATA_DIR/fashion-mnist" "$D2L_DATA_DIR"} "$cache/fashion-mnist" /usr/share/datasets/fashion-mnist)
kh=$(find_dir "kaggle_house_pred_train.csv kaggle_house_pred_test.csv" \
  ${D2L_DATA_DIR:+"$D2L_DATA_DIR/kaggle-house" "$D2L_DATA_DIR"} "$cache/kaggle-house")

rm -rf "$bundle" "$work"
mkdir -p "$bundle/lib" "$work/data/fashion-mnist" "$work/data/kaggle-house" "$work/slim"

echo "gpu-package: classes and jars"
$mvn compile
jar cf "$bundle/lib/d2l-mlp.jar" -C target/classes .
$mvn -Dgpu dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$work/deps"
$mvn dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$work/cpu.classpath"

echo "gpu-package: which classes the experiments load (all --epochs 1 on the CPU)"
java -Xlog:class+load=info:file="$work/class-load.log" -cp "target/classes:$(cat "$work/cpu.classpath")" \
  d2l.mlp.cli.Main all --epochs 1 --device cpu --out "$work/reference-run" >"$work/reference-run.log" 2>&1 || {
  tail -20 "$work/reference-run.log" >&2; echo "gpu-package: the reference run failed" >&2; exit 1; }
# "... ClassName source: file:/path/x.jar" -> "x.jar ClassName"
sed -n 's/^.*\] \([^ ]*\) source: \(jar:\)\{0,1\}file:.*\/\([^/]*\.jar\).*$/\3 \1/p' "$work/class-load.log" \
  | sort -u >"$work/loaded.txt"

# DJL and what it uses itself stay whole: the GPU engine takes paths (CUDA detection through JNA) that a CPU run
# does not. Everything else is only used by our code, the same way on either device.
whole='^(api|pytorch-engine|gson|jna|commons-compress|slf4j-api|slf4j-simple)-[0-9]'
for jarfile in "$work"/deps/*.jar; do
  name=$(basename "$jarfile")
  if [[ $name =~ $whole ]]; then
    cp "$jarfile" "$bundle/lib/"
  elif [[ $name == pytorch-jni-* ]]; then
    cp "$jarfile" "$bundle/lib/"
    zip -q -d "$bundle/lib/$name" 'jnilib/*/*/*' # keep jnilib/pytorch.properties
  else
    awk -v n="$name" '$1 == n {gsub(/\./, "/", $2); print $2 ".class"}' "$work/loaded.txt" >"$work/slim/$name.txt"
    if [ ! -s "$work/slim/$name.txt" ]; then
      echo "  dropped $name (no class loaded)"
      continue
    fi
    rm -rf "$work/slim/x" && mkdir "$work/slim/x"
    unzip -q "$jarfile" -d "$work/slim/x"
    (cd "$work/slim/x" && rm -f META-INF/*.SF META-INF/*.DSA META-INF/*.RSA \
      && { cat "../$name.txt"; find META-INF -type f 2>/dev/null || true; } | zip -q -9 "$root/$bundle/lib/$name" -@)
    echo "  $name: $(wc -l <"$work/slim/$name.txt") classes kept"
  fi
done

echo "gpu-package: Java runtime (jlink + xz)"
jlink --add-modules java.base,java.logging,java.management,java.naming,java.sql,java.xml,jdk.unsupported,jdk.crypto.ec,java.desktop,jdk.charsets \
  --strip-debug --no-header-files --no-man-pages --output "$work/jre"
tar cJf "$bundle/jre.tar.xz" -C "$work" jre

echo "gpu-package: data (xz)"
for f in "$fm"/*-ubyte.gz; do
  gzip -dc "$f" >"$work/data/fashion-mnist/$(basename "$f" .gz)"
done
cp "$kh"/kaggle_house_pred_*.csv "$work/data/kaggle-house/"
XZ_OPT=-9 tar cJf "$bundle/data.tar.xz" -C "$work" data

echo "gpu-package: DJL JNI sources"
mkdir -p "$work/jni"
cp -r "$jni_src/build-jni.sh" "$jni_src/djl-native-src" "$work/jni/"
chmod -R u+w "$work/jni"
tar cJf "$bundle/djl-jni.tar.xz" -C "$work" jni
git rev-parse HEAD >"$bundle/COMMIT" 2>/dev/null || true

bundle_bytes=$(du -cb "$bundle" | tail -1 | cut -f1)
tree_bytes=$(git ls-files -z --cached --others --exclude-standard | xargs -0 du -cb 2>/dev/null | grep total$ \
  | awk '{s += $1} END {print s + 0}')
du -b "$bundle"/*.xz "$bundle/lib" | awk '{printf "  %6.2f MiB  %s\n", $1 / 1048576, $2}'
awk -v b="$bundle_bytes" -v t="$tree_bytes" -v l="$limit" 'BEGIN {printf "gpu-package: bundle %.2f MiB + working tree %.2f MiB = %.2f MiB (limit %d MiB)\n", b / 1048576, t / 1048576, (b + t) / 1048576, l / 1048576}'
if [ $((bundle_bytes + tree_bytes)) -gt $limit ]; then
  echo "gpu-package: bundle plus working tree exceed the limit; trim the bundle or set GPU_COPY_LIMIT_MIB" >&2
  exit 1
fi
echo "gpu-package: done; copy the working tree with gpu-bundle/ to the GPU machine, then: bash scripts/gpu-run.sh"
