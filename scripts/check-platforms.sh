#!/usr/bin/env bash
# Checks that Maven resolves the CPU libtorch of each platform profile of pom.xml that the tests do not build
# (linux-aarch64, osx-aarch64, win-x86_64), so that `mvn -P PROFILE package` can build the jar for that platform.
# Downloads each platform's pytorch-native-cpu jar (tens of MB each) from Maven Central into the local Maven
# repository unless it is there; that is why scripts/test.sh does not run it.
#   scripts/check-platforms.sh [PROFILE ...]      (default: the three)
# Exit 0 when every profile resolves, 1 when one does not, 2 for a profile pom.xml does not have.
set -euo pipefail
cd "$(dirname "$0")/.."
profiles=("$@")
[ ${#profiles[@]} -gt 0 ] || profiles=(linux-aarch64 osx-aarch64 win-x86_64)
status=0
for p in "${profiles[@]}"; do
  if ! grep -q "<id>$p</id>" pom.xml; then
    echo "check-platforms: pom.xml has no profile $p" >&2
    exit 2
  fi
  # the profile sets the classifier of pytorch-native-cpu; the list names the file Maven resolved for it
  if list=$(mvn -B -q dependency:list -P "$p" -DincludeArtifactIds=pytorch-native-cpu -DoutputFile=/dev/stdout \
        -DexcludeTransitive=true 2>&1) && grep -q "pytorch-native-cpu:jar:$p:" <<<"$list"; then
    echo "$p: $(grep -o "ai.djl.pytorch:pytorch-native-cpu:jar:$p:[^ ]*" <<<"$list" | head -1) resolves"
  else
    echo "$p: pytorch-native-cpu for $p does not resolve:" >&2
    echo "$list" | tail -5 >&2
    status=1
  fi
done
exit $status
