#!/usr/bin/env bash
# HTTP hello servers measured with wrk (a load generator nobody here wrote), written to benchmarks/HTTP.md.
#
#   benchmarks/http.sh                       3 runs x 10 s per server and connection count
#   DURATION=5 RUNS=1 benchmarks/http.sh     a quick check
#
# Servers, each a JVM pinned to CPU 0 (taskset -c 0), all on 127.0.0.1, all answering GET / with
# "Hello, World!\n" keep-alive:
#   jwire   jwire's web example (io.jwire.examples.WebServer, sdk-epoll, one scheduler thread),
#           started by io.jwire.benchmarks.http.JwireWebServerMain with 1024 handlers
#   netty   io.jwire.benchmarks.http.NettyHelloServer: native epoll, one event loop
#   vthread io.jwire.benchmarks.http.VirtualThreadHelloServer: com.sun.net.httpserver + virtual threads
# wrk runs pinned to CPU 1 (taskset -c 1, one wrk thread), --latency, 100 and 1,000 connections;
# the runs alternate between the servers (jwire, netty, vthread, jwire, ...), after a 5 s warm-up each.
#
# Needs: root or wrk installed (installs the Debian package wrk when missing), taskset, python3
# (for the table), 2+ CPUs. Builds the benchmarks module with the Maven wrapper. Every server it
# starts is killed on exit (trap EXIT). Loopback only; bounded: about 4 minutes with the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/jdk.sh

DURATION=${DURATION:-10}
RUNS=${RUNS:-3}
CONNECTIONS=${CONNECTIONS:-"100 1000"}
WARMUP=${WARMUP:-5}
OUT=${OUT:-benchmarks/HTTP.md}
SERVERS=(jwire netty vthread)
declare -A PORT=([jwire]=18081 [netty]=18082 [vthread]=18083)
declare -A MAIN=([jwire]=io.jwire.benchmarks.http.JwireWebServerMain [netty]=io.jwire.benchmarks.http.NettyHelloServer
                 [vthread]=io.jwire.benchmarks.http.VirtualThreadHelloServer)

need_tool http.sh wrk
need_two_cpus http.sh wrk
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

build_benchmarks

pick_jdk http.sh
track_servers

start() {   # start NAME: the server on CPU 0, then wait (at most 30 s) until it answers
  local name=$1 port=${PORT[$1]}
  taskset -c 0 "$java" -Xms256m -Xmx512m --add-exports java.base/jdk.internal.vm=ALL-UNNAMED \
    --enable-native-access=ALL-UNNAMED -cp "$CP" "${MAIN[$name]}" "$port" >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "http.sh: $(head -1 "$WORK/$name.log")"
      return
    fi
    sleep 0.1
  done
  echo "http.sh: $name did not start on port $port:" >&2
  cat "$WORK/$name.log" >&2
  exit 1
}

load() {    # load NAME CONNECTIONS SECONDS OUTFILE
  taskset -c 1 wrk -t1 -c"$2" -d"$3"s --timeout 5s --latency "http://127.0.0.1:${PORT[$1]}/" >"$4"
}

loadavg_before=$(cut -d' ' -f1-3 /proc/loadavg)
for s in "${SERVERS[@]}"; do start "$s"; done
for s in "${SERVERS[@]}"; do
  echo "http.sh: warm-up $s (${WARMUP} s)"
  load "$s" 100 "$WARMUP" "$WORK/warmup-$s.txt"
done
for c in $CONNECTIONS; do
  for r in $(seq "$RUNS"); do
    for s in "${SERVERS[@]}"; do
      echo "http.sh: $s, $c connections, run $r (${DURATION} s)"
      load "$s" "$c" "$DURATION" "$WORK/run-$s-$c-$r.txt"
    done
  done
done
loadavg_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$WORK" "$OUT" "$RUNS" "$CONNECTIONS" "$DURATION" "$("$java" -version 2>&1 | head -1)" \
  "$(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) CPUs, $(uname -r)" \
  "$loadavg_before" "$loadavg_after" "$WARMUP" <<'PY'
import re, statistics, sys, datetime
work, out, runs, conns, duration, jdk, machine, la0, la1, warmup = sys.argv[1:]
runs = int(runs); conns = [int(c) for c in conns.split()]
servers = ["jwire", "netty", "vthread"]
names = {"jwire": "jwire `web` (1 scheduler thread)", "netty": "Netty, native epoll, 1 event loop",
         "vthread": "JDK HttpServer + virtual threads"}
unit = {"us": 0.001, "ms": 1.0, "s": 1000.0}

def ms(text):
    m = re.match(r"([\d.]+)(us|ms|s)$", text)
    return float(m.group(1)) * unit[m.group(2)]

def parse(path):
    t = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
    p50 = ms(re.search(r"^\s+50%\s+(\S+)", t, re.M).group(1))
    p99 = ms(re.search(r"^\s+99%\s+(\S+)", t, re.M).group(1))
    err = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", t)
    errors = sum(int(x) for x in err.groups()) if err else 0
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
    return rps, p50, p99, errors + (int(non2xx.group(1)) if non2xx else 0)

res = {(s, c): [parse(f"{work}/run-{s}-{c}-{r}.txt") for r in range(1, runs + 1)] for s in servers for c in conns}
med = lambda s, c, i: statistics.median(x[i] for x in res[(s, c)])
L = []
L.append("# HTTP: jwire's `web` against Netty and virtual threads, measured with wrk\n")
L.append(f"Written by `benchmarks/http.sh` on {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC. "
         f"Machine: {machine}; {jdk}. Each server is a JVM pinned to CPU 0 (`taskset -c 0`), wrk (one thread) "
         f"to CPU 1; loopback; `GET /` answered `200 Hello, World!` keep-alive; {runs} runs of {duration} s per "
         f"server and connection count, alternating between the servers, after a {warmup} s warm-up each. "
         f"Figures are the median of the runs (min–max in brackets).\n")
L.append(f"**This machine is shared and noisy** (other agents build and test on the same 2 CPUs; load average "
         f"{la0} before the runs, {la1} after): treat differences under ~15 % as noise, and rerun "
         f"`benchmarks/http.sh` on a quiet machine for figures to quote.\n")
L.append("| connections | server | requests/s | p50 ms | p99 ms | errors |")
L.append("|---:|---|---:|---:|---:|---:|")
for c in conns:
    for s in servers:
        rs = [x[0] for x in res[(s, c)]]
        L.append(f"| {c:,} | {names[s]} | {med(s, c, 0):,.0f} ({min(rs):,.0f}–{max(rs):,.0f}) | {med(s, c, 1):.2f} | "
                 f"{med(s, c, 2):.2f} | {sum(x[3] for x in res[(s, c)])} |")
L.append("\n## Ratios and targets\n")
L.append("| connections | jwire / Netty requests/s | jwire / virtual threads requests/s | p99 jwire / Netty |")
L.append("|---:|---:|---:|---:|")
for c in conns:
    L.append(f"| {c:,} | {med('jwire', c, 0) / med('netty', c, 0):.2f}x | {med('jwire', c, 0) / med('vthread', c, 0):.2f}x | "
             f"{med('jwire', c, 2) / med('netty', c, 2):.2f}x |")
c = 100 if 100 in conns else conns[0]
checks = [("jwire >= 1.0x Netty in requests/s at %d connections" % c, med('jwire', c, 0) / med('netty', c, 0) >= 1.0),
          ("jwire >= 1.5x the virtual-thread server in requests/s at %d connections" % c,
           med('jwire', c, 0) / med('vthread', c, 0) >= 1.5),
          ("jwire's p99 no worse than Netty's at %d connections" % c, med('jwire', c, 2) <= med('netty', c, 2))]
L.append("")
for text, ok in checks:
    L.append(f"- {text}: **{'met' if ok else 'missed'}**")
L.append("\n## Every run\n")
L.append("| connections | run | server | requests/s | p50 ms | p99 ms | errors |")
L.append("|---:|---:|---|---:|---:|---:|---:|")
for c in conns:
    for r in range(runs):
        for s in servers:
            x = res[(s, c)][r]
            L.append(f"| {c:,} | {r + 1} | {s} | {x[0]:,.0f} | {x[1]:.2f} | {x[2]:.2f} | {x[3]} |")
L.append("\n## Notes\n")
L.append("- The Netty peer recognises requests by the blank line ending their head and does not parse them "
         "(it uses only the Netty modules the benchmarks module has, not `netty-codec-http`); jwire's `web` parses "
         "and validates every head (request line, headers, Content-Length, keep-alive), so the comparison favours Netty.")
L.append("- jwire's server is the `web` example's `WebServer` with 1,024 handlers instead of its default 128, so that "
         "all 1,000 connections are served at once (with 128, the others wait in the backlog by design).")
L.append("- All three servers run for the whole script; the two that are not under load sit idle on CPU 0.")
L.append("- errors: wrk's socket errors (connect, read, write, timeout) plus non-2xx responses, over all runs.")
open(out, "w").write("\n".join(L) + "\n")
print("\n".join(L[:20]))
PY
echo "http.sh: wrote $OUT"
