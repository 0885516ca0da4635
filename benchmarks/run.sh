#!/usr/bin/env bash
# Runs every jwire benchmark side by side with its peers and writes benchmarks/RESULTS.md,
# benchmarks/charts/*.png and benchmarks/jmh-result.json.
#
#   benchmarks/run.sh            short profile (about 13 minutes on 2 cores, estimated)
#   benchmarks/run.sh --full     more forks and iterations
#   benchmarks/run.sh --tiny     pipeline check in a couple of minutes; numbers meaningless
#   benchmarks/run.sh --include 'SwitchBench'   only the benchmarks matching a JMH regex
#
# Builds the module with the Maven wrapper, then runs JMH on the newest JDK >= 21 it finds
# ($JAVA_HOME first, then /usr/lib/jvm/*), like the build's toolchain. Run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -q -B -ntp -pl benchmarks -am -DskipTests -Dkotlin.compiler.execution.strategy=in-process package

best="" best_version=0
for home in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
  [ -n "$home" ] && [ -x "$home/bin/java" ] && [ -f "$home/release" ] || continue
  version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  if [ -n "$version" ] && [ "$version" -ge 21 ] && [ "$version" -gt "$best_version" ]; then
    best="$home/bin/java" best_version=$version
  fi
done
if [ -z "$best" ]; then
  echo "run.sh: no JDK >= 21 found in \$JAVA_HOME or /usr/lib/jvm" >&2
  exit 1
fi
echo "run.sh: JMH on $best (JDK $best_version)"

exec "$best" -Djava.awt.headless=true \
  -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  io.jwire.benchmarks.BenchmarkMain "$@"
