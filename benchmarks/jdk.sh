# Sourced by run.sh, http.sh and sockperf.sh (from the repository root): builds this module, finds
# the JVM to run it on, installs and checks what the load generators need, and cleans up after the
# servers a script starts.
#
#   build_benchmarks          packages benchmarks and what it needs, without tests
#   pick_jdk SCRIPT           sets $java to the newest JDK >= 21 ($JAVA_HOME first, then
#                             /usr/lib/jvm/*), $java_version to its feature version and $CP to the
#                             module's class path; exits with a message naming SCRIPT if there is none
#   track_servers             sets $WORK to a new temporary folder and $PIDS to an empty list; on exit
#                             every pid added to PIDS is killed and waited for, and WORK removed
#   need_tool SCRIPT TOOL     installs the Debian package TOOL when the command TOOL is missing
#   need_two_cpus SCRIPT CLIENT
#                             exits with a message naming SCRIPT on a machine with fewer than 2 CPUs
#                             (the server is pinned to CPU 0, the load generator CLIENT to CPU 1)

build_benchmarks() {
  ./mvnw -q -B -ntp -pl benchmarks -am -DskipTests -Dkotlin.compiler.execution.strategy=in-process package
}

pick_jdk() {
  java="" java_version=0
  local home version
  for home in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$home" ] && [ -x "$home/bin/java" ] && [ -f "$home/release" ] || continue
    version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
    if [ -n "$version" ] && [ "$version" -ge 21 ] && [ "$version" -gt "$java_version" ]; then
      java="$home/bin/java" java_version=$version
    fi
  done
  if [ -z "$java" ]; then
    echo "$1: no JDK >= 21 found in \$JAVA_HOME or /usr/lib/jvm" >&2
    exit 1
  fi
  CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
}

track_servers() {
  WORK=$(mktemp -d)
  PIDS=()
  trap stop_servers EXIT
}

stop_servers() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}

need_tool() {
  if ! command -v "$2" >/dev/null; then
    echo "$1: installing $2 from Debian" >&2
    apt-get install -y "$2" >/dev/null || { apt-get update -qq && apt-get install -y "$2" >/dev/null; }
  fi
}

need_two_cpus() {
  if [ "$(nproc)" -lt 2 ]; then
    echo "$1: needs 2 CPUs (server on CPU 0, $2 on CPU 1); this machine has $(nproc)" >&2
    exit 1
  fi
}
