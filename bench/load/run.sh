#!/usr/bin/env bash
# Load benchmark: SplitDns vs Knot vs NSD serving the same zone, driven by dnsperf.
# Everything runs on loopback inside a private network namespace (fallback: 127.0.0.77 on the
# host loopback). dnsperf is pinned to CPU 0, the server under test to CPU 1.
# Usage: bench/load/run.sh            (env: DURATION=15 RATE=20000 RATE_SECONDS=10 PORT=5300
#                                     SERVERS="splitdns knot nsd" BATCH=32)
set -euo pipefail
cd "$(dirname "$0")/../.."

. bench/load/lib.sh
need_packages run.sh knotd:knot nsd:nsd dnsperf:dnsperf dig:bind9-dnsutils ip:iproute2 taskset:util-linux

DURATION=${DURATION:-15}
RATE=${RATE:-20000}
RATE_SECONDS=${RATE_SECONDS:-10}
PORT=${PORT:-5300}
SERVERS=${SERVERS:-splitdns knot nsd}
BATCH=${BATCH:-32}
CLIENT_CPU=0
SERVER_CPU=1
NETNS=splitdns-bench-$$
work=$(mktemp -d /tmp/splitdns-load.XXXXXX)
trap bench_cleanup EXIT
enter_netns 127.0.0.77

bash bench/load/make-data.sh "$work" >/dev/null
echo "zone: $(grep -vc '^\$' "$work/bench.test.zone") records; queries: $(wc -l < "$work/queries.txt") lines (10% outside the zone)"
dotnet build src/DnsServer -c Release -nologo -v quiet >/dev/null
SPLITDNS_DLL=src/DnsServer/bin/Release/net10.0/splitdns.dll

wait_ready() { wait_answer 100 "$PORT" host1.bench.test '^10\.' || { echo "server did not answer" >&2; return 1; }; }

start_splitdns() {
  # Authoritative only, like Knot and NSD here: no upstream (the default appsettings.json names
  # public resolvers), so names outside the zone are REFUSED and no packet is meant to leave
  # loopback; the conditional forwarder of the default settings points at loopback too, and the
  # default blocklist (a download) is removed.
  "${NS[@]}" taskset -c $SERVER_CPU dotnet "$SPLITDNS_DLL" --SplitDns:Listen:Dns="$ADDR:$PORT" \
    --SplitDns:Listen:Http="$ADDR:$((PORT + 1))" --SplitDns:ZoneDirectory="$work" --SplitDns:Domain=bench.test \
    --SplitDns:Zones:0:File=bench.test.zone --SplitDns:WatchZoneFiles=false --Logging:LogLevel:Default=Warning \
    --SplitDns:Forwarders:Upstream= --SplitDns:Forwarders:Conditional:lan="$ADDR:9" --SplitDns:Blocking:Lists:stevenblack= --SplitDns:Udp:BatchSize="$BATCH" \
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

dnsperf_run() {
  "${NS[@]}" taskset -c $CLIENT_CPU dnsperf -s "$ADDR" -p "$PORT" -d "$work/queries.txt" "$@"
}

results=()
for server in $SERVERS; do
  "start_$server"
  wait_ready
  # Warm-up (JIT, caches) so every server is measured in its steady state.
  dnsperf_run -c 20 -q 200 -l 3 >/dev/null 2>&1
  before=$(cpu_ticks_tree "$server_pid")
  out=$(dnsperf_run -c 20 -q 200 -l "$DURATION" 2>&1)
  after=$(cpu_ticks_tree "$server_pid")
  echo "$out" > "$work/$server.max.txt"
  read_dnsperf "$out" "$before" "$after"
  avg=$(echo "$out" | awk '/Average Latency/ {print $4}')

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
