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

. benchmarks/jdk.sh
build_benchmarks

pick_jdk run.sh
echo "run.sh: JMH on $java (JDK $java_version)"

exec "$java" -Djava.awt.headless=true -cp "$CP" \
  io.jwire.benchmarks.BenchmarkMain "$@"
