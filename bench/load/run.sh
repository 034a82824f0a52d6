#!/usr/bin/env bash
# Load benchmark: SplitDns vs Knot vs NSD serving the same zone, driven by dnsperf.
# Everything runs on loopback inside a private network namespace (fallback: 127.0.0.77 on the
# host loopback). dnsperf is pinned to CPU 0, the server under test to CPU 1.
# Usage: bench/load/run.sh            (env: DURATION=15 RATE=20000 RATE_SECONDS=10 PORT=5300)
set -euo pipefail
cd "$(dirname "$0")/../.."

# Installs what it drives from Debian's packages when missing (as scripts/test.sh does).
export PATH="$PATH:/usr/sbin:/sbin"
need=()
command -v knotd >/dev/null || need+=(knot)
command -v nsd >/dev/null || need+=(nsd)
command -v dnsperf >/dev/null || need+=(dnsperf)
command -v dig >/dev/null || need+=(bind9-dnsutils)
command -v ip >/dev/null || need+=(iproute2)
command -v taskset >/dev/null || need+=(util-linux)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "run.sh: installing ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

DURATION=${DURATION:-15}
RATE=${RATE:-20000}
RATE_SECONDS=${RATE_SECONDS:-10}
PORT=${PORT:-5300}
CLIENT_CPU=0
SERVER_CPU=1
NETNS=splitdns-bench-$$
work=$(mktemp -d /tmp/splitdns-load.XXXXXX)
server_pid=""

cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  ip netns del "$NETNS" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

if ip netns add "$NETNS" 2>/dev/null; then
  NS=(ip netns exec "$NETNS")
  "${NS[@]}" ip link set lo up
  ADDR=127.0.0.1
  echo "network: private namespace $NETNS (loopback only)"
else
  NS=()
  ADDR=127.0.0.77
  echo "network: 'ip netns add' not permitted; falling back to $ADDR on the host loopback"
fi

bash bench/load/make-data.sh "$work" >/dev/null
echo "zone: $(grep -vc '^\$' "$work/bench.test.zone") records; queries: $(wc -l < "$work/queries.txt") lines (10% outside the zone)"
dotnet build src/DnsServer -c Release -nologo -v quiet >/dev/null
SPLITDNS_DLL=src/DnsServer/bin/Release/net10.0/splitdns.dll

# CPU ticks (utime+stime) of a process and all its descendants.
cpu_ticks() {
  local root=$1 total=0 pids=("$1") p children
  while [ ${#pids[@]} -gt 0 ]; do
    p=${pids[0]}; pids=("${pids[@]:1}")
    if [ -r "/proc/$p/stat" ]; then
      # Fields after "pid (comm) " (comm may contain spaces, e.g. "nsd: xfrd"): utime, stime are 12, 13.
      total=$((total + $(sed 's/.*) //' "/proc/$p/stat" | awk '{print $12 + $13}')))
      children=$(for s in /proc/[0-9]*/stat; do sed 's/^\([0-9]*\) .*) /\1 /' "$s" 2>/dev/null; done | awk -v pp="$p" '$3 == pp {print $1}')
      for c in $children; do pids+=("$c"); done
    fi
  done
  echo "$total"
}

wait_ready() {
  for _ in $(seq 1 100); do
    if "${NS[@]}" dig +short +time=1 +tries=1 @"$ADDR" -p "$PORT" host1.bench.test A 2>/dev/null | grep -q '^10\.'; then return 0; fi
    sleep 0.2
  done
  echo "server did not answer" >&2; return 1
}

start_splitdns() {
  # Authoritative only, like Knot and NSD here: no upstream (the default appsettings.json names
  # public resolvers), so names outside the zone are REFUSED and no packet is meant to leave
  # loopback; the conditional forwarder of the default settings points at loopback too, and the
  # default blocklist (a download) is removed.
  "${NS[@]}" taskset -c $SERVER_CPU dotnet "$SPLITDNS_DLL" --SplitDns:Listen:Dns="$ADDR:$PORT" \
    --SplitDns:Listen:Http="$ADDR:$((PORT + 1))" --SplitDns:ZoneDirectory="$work" --SplitDns:Domain=bench.test \
    --SplitDns:Zones:0:File=bench.test.zone --SplitDns:WatchZoneFiles=false --Logging:LogLevel:Default=Warning \
    --SplitDns:Forwarders:Upstream= --SplitDns:Forwarders:Conditional:lan="$ADDR:9" --SplitDns:Blocking:Lists:stevenblack= \
    >"$work/splitdns.log" 2>&1 &
  server_pid=$!
}

start_knot() {
  mkdir -p "$work/knot"
  cat >"$work/knot.conf" <<CONF
server:
    listen: $ADDR@$PORT
    rundir: $work/knot
    udp-workers: 1
    tcp-workers: 1
    background-workers: 1
database:
    storage: $work/knot
log:
  - target: stderr
    any: warning
zone:
  - domain: bench.test
    file: $work/bench.test.zone
    journal-content: none
    zonefile-sync: -1
CONF
  "${NS[@]}" taskset -c $SERVER_CPU knotd -c "$work/knot.conf" >"$work/knot.log" 2>&1 &
  server_pid=$!
}

start_nsd() {
  cat >"$work/nsd.conf" <<CONF
server:
    ip-address: $ADDR@$PORT
    server-count: 1
    username: ""
    chroot: ""
    zonesdir: "$work"
    database: ""
    zonelistfile: "$work/nsd.zonelist"
    xfrdfile: "$work/nsd.xfrd"
    pidfile: "$work/nsd.pid"
    logfile: "$work/nsd.log"
    verbosity: 0
    # NSD rate-limits responses by default (RRL); a benchmark from one address would be throttled.
    rrl-ratelimit: 0
    rrl-whitelist-ratelimit: 0
remote-control:
    control-enable: no
zone:
    name: bench.test
    zonefile: bench.test.zone
CONF
  "${NS[@]}" taskset -c $SERVER_CPU nsd -d -c "$work/nsd.conf" >>"$work/nsd.log" 2>&1 &
  server_pid=$!
}

stop_server() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  sleep 0.5
}

dnsperf_run() {
  "${NS[@]}" taskset -c $CLIENT_CPU dnsperf -s "$ADDR" -p "$PORT" -d "$work/queries.txt" "$@"
}

results=()
for server in splitdns knot nsd; do
  "start_$server"
  wait_ready
  # Warm-up (JIT, caches) so every server is measured in its steady state.
  dnsperf_run -c 20 -q 200 -l 3 >/dev/null 2>&1
  before=$(cpu_ticks "$server_pid")
  out=$(dnsperf_run -c 20 -q 200 -l "$DURATION" 2>&1)
  after=$(cpu_ticks "$server_pid")
  echo "$out" > "$work/$server.max.txt"
  completed=$(echo "$out" | awk '/Queries completed:/ {print $3}')
  lost=$(echo "$out" | awk '/Queries lost:/ {print $3}')
  qps=$(echo "$out" | awk '/Queries per second:/ {print $4}')
  avg=$(echo "$out" | awk '/Average Latency/ {print $4}')
  hz=$(getconf CLK_TCK)
  cpu_us=$(awk -v t=$((after - before)) -v hz="$hz" -v n="$completed" 'BEGIN { printf "%.2f", t / hz * 1e6 / n }')

  # Fixed rate: every response's latency (dnsperf -v), percentiles computed here.
  dnsperf_run -c 20 -q 200 -Q "$RATE" -l "$RATE_SECONDS" -v 2>/dev/null \
    | awk '/^> / {print $NF}' | sort -g > "$work/$server.lat"
  n=$(wc -l < "$work/$server.lat")
  p50=$(awk -v n="$n" 'NR == int(n * 0.50) + 1 {printf "%.3f", $1 * 1000}' "$work/$server.lat")
  p99=$(awk -v n="$n" 'NR == int(n * 0.99) + 1 {printf "%.3f", $1 * 1000}' "$work/$server.lat")
  results+=("$(printf '%-9s %12s %8s %10s %14s %10s %10s %10s' "$server" "$qps" "$lost" "$(awk -v a="$avg" 'BEGIN{printf "%.3f", a*1000}')" "$cpu_us" "$n" "$p50" "$p99")")
  stop_server
done

echo
echo "dnsperf -c 20 -q 200 -l $DURATION (max throughput); then -Q $RATE -l $RATE_SECONDS (fixed rate)"
printf '%-9s %12s %8s %10s %14s %10s %10s %10s\n' server "queries/s" lost "avg ms" "CPU us/query" "answered" "p50 ms" "p99 ms"
for r in "${results[@]}"; do echo "$r"; done
