#!/usr/bin/env bash
# Echo servers measured with sockperf (an outside load generator), written to benchmarks/SOCKPERF.md.
#
#   benchmarks/sockperf.sh                        3 runs x 10 s per server and mode
#   DURATION=3 RUNS=1 benchmarks/sockperf.sh      a quick check
#
# Servers, each a JVM of its own pinned to CPU 0 (taskset -c 0), serial GC, on 127.0.0.1, started by
# io.jwire.benchmarks.EchoServerMain (the shapes of EchoBench's servers; each echoes every byte but
# clears sockperf's "from the client" flag in each message, as sockperf's own server does, because
# sockperf ignores a reply that still carries it):
#   jwire    one scheduler thread, sdk-epoll, a wire per connection (WireSocket.read, writeAll)
#   netty    Netty's native epoll transport, one event loop
#   vthread  java.net.ServerSocket with a virtual thread per connection
# sockperf (TCP, 64-byte messages, one connection) runs pinned to CPU 1 (taskset -c 1) in two modes:
#   ping-pong    one message in flight, as fast as the server answers: round-trip percentiles
#   under-load   a fixed rate (MPS, default 2,000 messages/s, well below what this 2-CPU machine echoes
#                while shared): round trips and CPU per message at low load
# Runs alternate between the servers (jwire, netty, vthread, jwire, ...), after a warm-up each.
# CPU per message: the server process's utime + stime (/proc/PID/stat, every thread of the JVM)
# over the run, divided by the messages sockperf got back.
#
# Needs root or sockperf installed (installs the Debian package sockperf when missing), taskset,
# python3, 2+ CPUs. Builds the benchmarks module with the Maven wrapper. Every process it starts is
# killed on exit (trap EXIT). Loopback only; bounded: about 4 minutes with the defaults. CI never runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/jdk.sh

DURATION=${DURATION:-10}
RUNS=${RUNS:-3}
WARMUP=${WARMUP:-5}
MPS=${MPS:-2000}
SIZE=${SIZE:-64}
OUT=${OUT:-benchmarks/SOCKPERF.md}
SERVERS=(jwire netty vthread)
MODES=(ping-pong under-load)

need_tool sockperf.sh sockperf
need_two_cpus sockperf.sh sockperf

if [ -z "${SKIP_BUILD:-}" ]; then
  build_benchmarks
fi

pick_jdk sockperf.sh
track_servers
declare -A PID PORT

start() {   # start NAME: the server on CPU 0; waits (at most 30 s) for its "port N" line
  local name=$1
  taskset -c 0 "$java" -XX:+UseSerialGC -Xms256m -Xmx512m --add-exports java.base/jdk.internal.vm=ALL-UNNAMED \
    --enable-native-access=ALL-UNNAMED -cp "$CP" io.jwire.benchmarks.EchoServerMain "$name" "$SIZE" >"$WORK/$name.log" 2>&1 &
  PID[$name]=$!
  PIDS+=($!)
  for _ in $(seq 300); do
    if grep -q '^port ' "$WORK/$name.log" 2>/dev/null; then
      PORT[$name]=$(sed -n 's/^port //p' "$WORK/$name.log" | head -1)
      echo "sockperf.sh: $name (pid ${PID[$name]}) on 127.0.0.1:${PORT[$name]}"
      return
    fi
    sleep 0.1
  done
  echo "sockperf.sh: $name did not start:" >&2
  cat "$WORK/$name.log" >&2
  exit 1
}

cpu_ticks() {  # utime + stime of a process, in clock ticks (fields 14 and 15 after the command name)
  sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'
}

load() {    # load NAME MODE SECONDS OUTFILE: sockperf on CPU 1; appends the server's CPU ticks
  local name=$1 mode=$2 seconds=$3 out=$4 extra=()
  # an echo server answers every message, so under-load asks for every reply (sockperf's default is 1 in 100)
  [ "$mode" = under-load ] && extra=(--mps="$MPS" --reply-every=1) || extra=(--mps=max)
  local before after
  before=$(cpu_ticks "${PID[$name]}")
  timeout $((seconds + 30)) taskset -c 1 sockperf "$mode" --tcp -i 127.0.0.1 -p "${PORT[$name]}" -m "$SIZE" \
    -t "$seconds" --full-rtt "${extra[@]}" >"$out" 2>&1 || { echo "sockperf.sh: sockperf failed:" >&2; cat "$out" >&2; exit 1; }
  after=$(cpu_ticks "${PID[$name]}")
  echo "server-cpu-ticks $((after - before))" >>"$out"
}

loadavg_before=$(cut -d' ' -f1-3 /proc/loadavg)
for s in "${SERVERS[@]}"; do start "$s"; done
for s in "${SERVERS[@]}"; do
  echo "sockperf.sh: warm-up $s (${WARMUP} s)"
  load "$s" ping-pong "$WARMUP" "$WORK/warmup-$s.txt"
done
for m in "${MODES[@]}"; do
  for r in $(seq "$RUNS"); do
    for s in "${SERVERS[@]}"; do
      echo "sockperf.sh: $s, $m, run $r (${DURATION} s)"
      load "$s" "$m" "$DURATION" "$WORK/run-$s-$m-$r.txt"
    done
  done
done
loadavg_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$WORK" "$OUT" "$RUNS" "$DURATION" "$("$java" -version 2>&1 | head -1)" \
  "$(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) CPUs, $(uname -r)" \
  "$loadavg_before" "$loadavg_after" "$WARMUP" "$MPS" "$SIZE" "$(getconf CLK_TCK)" <<'PY'
import re, statistics, sys, datetime
work, out, runs, duration, jdk, machine, la0, la1, warmup, mps, size, tck = sys.argv[1:]
runs = int(runs); tck = int(tck)
servers = ["jwire", "netty", "vthread"]
modes = ["ping-pong", "under-load"]
names = {"jwire": "jwire (1 scheduler thread, a wire per connection)", "netty": "Netty, native epoll, 1 event loop",
         "vthread": "virtual thread per connection"}

def parse(path):
    t = open(path).read()
    pct = {}
    for p, v in re.findall(r"percentile\s+([\d.]+)\s*=\s*([\d.]+)", t):
        pct[float(p)] = float(v)
    received = int(re.search(r"ReceivedMessages=(\d+)", t).group(1))
    runtime = float(re.search(r"RunTime=([\d.]+)", t).group(1))
    ticks = int(re.search(r"server-cpu-ticks (-?\d+)", t).group(1))
    return {"p50": pct.get(50.0), "p99": pct.get(99.0), "p999": pct.get(99.9), "msgs": received / runtime,
            "cpu_us": ticks / tck * 1e6 / max(received, 1)}

res = {(s, m): [parse(f"{work}/run-{s}-{m}-{r}.txt") for r in range(1, runs + 1)] for s in servers for m in modes}
def med(s, m, k):
    return statistics.median(x[k] for x in res[(s, m)])
def rng(s, m, k, fmt):
    xs = [x[k] for x in res[(s, m)]]
    return f"{fmt.format(med(s, m, k))} ({fmt.format(min(xs))}–{fmt.format(max(xs))})"

L = []
L.append("# Echo servers measured with sockperf\n")
L.append(f"Written by `benchmarks/sockperf.sh` on {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC. "
         f"Machine: {machine}; {jdk}. Each server is a JVM pinned to CPU 0 (`taskset -c 0`, `-XX:+UseSerialGC`), "
         f"sockperf pinned to CPU 1; loopback TCP, one connection, {size}-byte messages; {runs} runs of {duration} s "
         f"per server and mode, alternating between the servers, after a {warmup} s warm-up each. Round trips "
         f"(`--full-rtt`) in microseconds; figures are the median of the runs (min–max in brackets). CPU per message: "
         f"the server JVM's utime + stime over the run (all its threads, JIT and GC included) / messages echoed, "
         f"at {tck} ticks per second, so short low-rate runs carry a tick of rounding.\n")
L.append(f"**This machine is shared and noisy** (other agents build and test on the same 2 CPUs; load average "
         f"{la0} before the runs, {la1} after): treat differences under ~15 % as noise.\n")
for m in modes:
    title = ("ping-pong: one message in flight, as fast as the server answers" if m == "ping-pong"
             else f"under-load: a fixed {int(mps):,} messages/s")
    L.append(f"## {title}\n")
    L.append("| server | messages/s | p50 µs | p99 µs | p99.9 µs | server CPU µs / message |")
    L.append("|---|---:|---:|---:|---:|---:|")
    for s in servers:
        L.append(f"| {names[s]} | {rng(s, m, 'msgs', '{:,.0f}')} | {rng(s, m, 'p50', '{:.1f}')} | "
                 f"{rng(s, m, 'p99', '{:.1f}')} | {rng(s, m, 'p999', '{:.1f}')} | {rng(s, m, 'cpu_us', '{:.2f}')} |")
    L.append("")
    L.append("| ratio | messages/s | p50 | p99 | CPU / message |")
    L.append("|---|---:|---:|---:|---:|")
    for peer in ["netty", "vthread"]:
        L.append(f"| jwire / {peer} | {med('jwire', m, 'msgs') / med(peer, m, 'msgs'):.2f}x | "
                 f"{med('jwire', m, 'p50') / med(peer, m, 'p50'):.2f}x | {med('jwire', m, 'p99') / med(peer, m, 'p99'):.2f}x | "
                 f"{med('jwire', m, 'cpu_us') / med(peer, m, 'cpu_us'):.2f}x |")
    L.append("")
L.append("## Every run\n")
L.append("| mode | run | server | messages/s | p50 µs | p99 µs | p99.9 µs | CPU µs / message |")
L.append("|---|---:|---|---:|---:|---:|---:|---:|")
for m in modes:
    for r in range(runs):
        for s in servers:
            x = res[(s, m)][r]
            L.append(f"| {m} | {r + 1} | {s} | {x['msgs']:,.0f} | {x['p50']:.1f} | {x['p99']:.1f} | {x['p999']:.1f} | "
                     f"{x['cpu_us']:.2f} |")
open(out, "w").write("\n".join(L) + "\n")
print("\n".join(L[:30]))
PY
echo "sockperf.sh: wrote $OUT"
