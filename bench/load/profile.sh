#!/usr/bin/env bash
# CPU per query as a count of instructions, independent of machine load: runs the Release server
# under valgrind (callgrind, instrumentation off while it starts and warms up), sends the peer
# mix of bench/load/run.sh (make-data.sh: 60% A, 15% CNAME, 10% wildcard, 5% NXDOMAIN, 10% outside
# the zone) over real UDP loopback with dnsperf, and counts the user-space instructions the server
# process executes for QUERIES queries, twice in a row (the second window is the steady state:
# tiered compilation is done when the JIT's share is ~0). Kernel time (the recvfrom/sendto system
# calls) is not counted. profile_report.py names the JIT-compiled methods through the runtime's
# perf map and prints instructions per query per object and per method.
# Usage: bench/load/profile.sh [OUT_DIR]   (env: QUERIES=10000 WARMUP=6 PORT=5310 BUILD=1 TOP=30)
#   WARMUP is how many passes over the 10,000-line query file warm the server up uninstrumented.
#   Extra server arguments: SERVER_ARGS="--SplitDns:Foo=bar"; runtime knobs: DOTNET_* in the environment.
set -euo pipefail
cd "$(dirname "$0")/../.."

export PATH="$PATH:/usr/sbin:/sbin"
need=()
command -v valgrind >/dev/null || need+=(valgrind)
command -v dnsperf >/dev/null || need+=(dnsperf)
command -v dig >/dev/null || need+=(bind9-dnsutils)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "profile.sh: installing ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

QUERIES=${QUERIES:-10000}
WARMUP=${WARMUP:-6}
PORT=${PORT:-5310}
BUILD=${BUILD:-1}
TOP=${TOP:-30}
ADDR=127.0.0.1
out=${1:-$(mktemp -d /tmp/splitdns-profile.XXXXXX)}
mkdir -p "$out"
out=$(cd "$out" && pwd)
repo=$(pwd)
server_pid=""

cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT

bash bench/load/make-data.sh "$out/data" >/dev/null
if [ "$BUILD" = 1 ]; then
  dotnet build src/DnsServer -c Release -nologo -v quiet >/dev/null
fi
dll="$repo/src/DnsServer/bin/Release/net10.0/splitdns.dll"

# Authoritative only, as in run.sh: no upstream, the default conditional forwarder on loopback,
# no blocklist download; the store (SQLite) goes into $out/run.
mkdir -p "$out/run"
# shellcheck disable=SC2086
(cd "$out/run" && exec env DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 \
  valgrind --tool=callgrind --instr-atstart=no --dump-instr=yes --callgrind-out-file="$out/callgrind.out" \
  dotnet "$dll" --SplitDns:Listen:Dns="$ADDR:$PORT" --SplitDns:Listen:Http="$ADDR:$((PORT + 1))" \
  --SplitDns:ZoneDirectory="$out/data" --SplitDns:Domain=bench.test --SplitDns:Zones:0:File=bench.test.zone \
  --SplitDns:WatchZoneFiles=false --Logging:LogLevel:Default=Warning --SplitDns:Forwarders:Upstream= \
  --SplitDns:Forwarders:Conditional:lan="$ADDR:9" --SplitDns:Blocking:Lists:stevenblack= ${SERVER_ARGS:-} \
  >"$out/server.log" 2>&1) &
server_pid=$!

ready=0
for _ in $(seq 1 150); do
  if dig +short +time=2 +tries=1 @"$ADDR" -p "$PORT" host1.bench.test A 2>/dev/null | grep -q '^10\.'; then ready=1; break; fi
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 2
done
[ "$ready" = 1 ] || { echo "server did not answer (see $out/server.log)" >&2; exit 1; }

perf_run() { dnsperf -s "$ADDR" -p "$PORT" -d "$out/data/queries.txt" -c 1 -q 20 -t 15 "$@" 2>&1; }
completed() { awk '/Queries completed:/ {print $3}'; }

echo "warm-up: $WARMUP x 10,000 queries, uninstrumented"
perf_run -n "$WARMUP" | grep -E 'completed|lost' || true
sleep 5
callgrind_control -i on "$server_pid" >/dev/null
# Let valgrind translate the hot code again, now instrumented, before counting.
perf_run -n 1 >/dev/null
passes=$(( (QUERIES + 9999) / 10000 ))
for window in 1 2; do
  callgrind_control -z "$server_pid" >/dev/null
  n=$(perf_run -n "$passes" | completed)
  callgrind_control -d "$server_pid" >/dev/null
  sleep 1
  dump=$(ls -t "$out"/callgrind.out.* | head -1)
  mv "$dump" "$out/window$window.callgrind"
  # valgrind runs the program in its own process (exec'd above): the runtime's map is named by that pid.
  cp "/tmp/perf-$server_pid.map" "$out/perf.map"
  python3 bench/load/profile_report.py "$out/window$window.callgrind" "$out/perf.map" "$n" "$TOP" > "$out/window$window.txt"
  echo "window $window: $(sed -n 2p "$out/window$window.txt")   jit: $(awk '/libclrjit/ {print $1; exit}' "$out/window$window.txt")"
done
echo
cat "$out/window2.txt"
echo
echo "files: $out (window1/2.callgrind: callgrind_annotate; window1/2.txt: the reports)"
