#!/usr/bin/env bash
# The 1M-record zone: load time (start until the first answer for the zone), peak RSS (VmHWM)
# and steady RSS, then CPU per query with random names (dnsperf), for SplitDns with the zone
# served from the file alone (no store), SplitDns with the default SQLite store (first start:
# the file is imported; second start: the store already holds it), Knot and NSD.
# Usage: bench/load/bigzone.sh   (env: RECORDS=1000000 DURATION=10 PORT=5300 SERVERS="...")
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PATH:/usr/sbin:/sbin"
need=()
command -v knotd >/dev/null || need+=(knot)
command -v nsd >/dev/null || need+=(nsd)
command -v dnsperf >/dev/null || need+=(dnsperf)
command -v dig >/dev/null || need+=(bind9-dnsutils)
command -v ip >/dev/null || need+=(iproute2)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

DURATION=${DURATION:-10}
PORT=${PORT:-5300}
SERVERS=${SERVERS:-"splitdns-file splitdns-sqlite splitdns-sqlite-again knot nsd"}
CLIENT_CPU=${CLIENT_CPU:-0}
SERVER_CPU=${SERVER_CPU:-1}
NETNS=splitdns-bigzone-$$
work=$(mktemp -d /tmp/splitdns-bigzone.XXXXXX)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  ip netns del "$NETNS" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
if ip netns add "$NETNS" 2>/dev/null; then
  NS=(ip netns exec "$NETNS"); "${NS[@]}" ip link set lo up; ADDR=127.0.0.1
  echo "network: private namespace $NETNS (loopback only)"
else
  NS=(); ADDR=127.0.0.78
  echo "network: 'ip netns add' not permitted; falling back to $ADDR on the host loopback"
fi

bash bench/load/make-bigzone.sh "$work" >/dev/null
echo "zone: $(grep -vc '^\$' "$work/big.test.zone") records; queries: $(wc -l < "$work/big.queries.txt") lines (10% NXDOMAIN)"
# SPLITDNS_DLL=path/to/splitdns.dll measures another build (e.g. the commit before a change).
if [ -z "${SPLITDNS_DLL:-}" ]; then
  dotnet build src/DnsServer -c Release -nologo -v quiet >/dev/null
  SPLITDNS_DLL=src/DnsServer/bin/Release/net10.0/splitdns.dll
fi
probe=$(awk 'NR == 1 {print $1}' "$work/big.queries.txt")

splitdns() { # $1 = store path ("" = none)
  "${NS[@]}" taskset -c $SERVER_CPU dotnet "$SPLITDNS_DLL" --SplitDns:Listen:Dns="$ADDR:$PORT" \
    --SplitDns:Listen:Http="$ADDR:$((PORT + 1))" --SplitDns:ZoneDirectory="$work" --SplitDns:Domain=big.test \
    --SplitDns:Zones:0:File=big.test.zone --SplitDns:WatchZoneFiles=false --Logging:LogLevel:Default=Warning \
    --SplitDns:Forwarders:Upstream= --SplitDns:Forwarders:Conditional:lan="$ADDR:9" --SplitDns:Blocking:Lists:stevenblack= \
    --SplitDns:Store:Path="$1" --SplitDns:QueryLog:Enabled=false >>"$work/splitdns.log" 2>&1 &
  server_pid=$!
}
start_splitdns-file() { splitdns ""; }
start_splitdns-sqlite() { rm -f "$work"/store.db*; splitdns "$work/store.db"; }
start_splitdns-sqlite-again() { splitdns "$work/store.db"; }
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
  - domain: big.test
    file: $work/big.test.zone
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
    rrl-ratelimit: 0
    rrl-whitelist-ratelimit: 0
remote-control:
    control-enable: no
zone:
    name: big.test
    zonefile: big.test.zone
CONF
  "${NS[@]}" taskset -c $SERVER_CPU nsd -d -c "$work/nsd.conf" >>"$work/nsd.log" 2>&1 &
  server_pid=$!
}

# Sum of a /proc/PID/status field (kB) over a process and its descendants.
tree_pids() { local p=$1; echo "$p"; for c in $(cat /proc/"$p"/task/*/children 2>/dev/null); do tree_pids "$c"; done; }
status_kb() { local total=0 p; for p in $(tree_pids "$1"); do total=$((total + $(awk -v f="$2:" '$1 == f {print $2}' /proc/"$p"/status 2>/dev/null || echo 0))); done; echo "$total"; }
cpu_ticks() { local total=0 p; for p in $(tree_pids "$1"); do total=$((total + $(sed 's/.*) //' /proc/"$p"/stat | awk '{print $12 + $13}'))); done; echo "$total"; }

header() {
  echo "load = start until the first answer for the zone (wall clock); load CPU = utime+stime until then"
  echo "peak = VmHWM at the first answer; RSS after = VmRSS and VmHWM after the query run; dnsperf -c 20 -q 200 -l $DURATION"
  printf '%-22s %8s %9s %10s %10s %10s %12s %6s %12s %s\n' server "load s" "load CPU" "peak MiB" "RSS MiB" "peak2 MiB" "queries/s" lost "CPU us/q" rcodes
}
header
results=()
for server in $SERVERS; do
  t0=$(date +%s.%N)
  "start_$server"
  ready=""
  for _ in $(seq 1 1200); do
    if "${NS[@]}" dig +short +time=1 +tries=1 @"$ADDR" -p "$PORT" $probe 2>/dev/null | grep -q '^10\.'; then ready=$(date +%s.%N); break; fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.05
  done
  if [ -z "$ready" ]; then echo "$server did not answer; log:"; tail -20 "$work"/*.log; exit 1; fi
  load_s=$(awk -v a="$t0" -v b="$ready" 'BEGIN {printf "%.2f", b - a}')
  load_cpu=$(cpu_ticks "$server_pid")
  hwm=$(status_kb "$server_pid" VmHWM)
  sleep 2
  "${NS[@]}" taskset -c $CLIENT_CPU dnsperf -s "$ADDR" -p "$PORT" -d "$work/big.queries.txt" -c 20 -q 200 -l 3 >/dev/null 2>&1
  before=$(cpu_ticks "$server_pid")
  out=$("${NS[@]}" taskset -c $CLIENT_CPU dnsperf -s "$ADDR" -p "$PORT" -d "$work/big.queries.txt" -c 20 -q 200 -l "$DURATION" 2>&1)
  after=$(cpu_ticks "$server_pid")
  rss=$(status_kb "$server_pid" VmRSS)
  hwm2=$(status_kb "$server_pid" VmHWM)
  completed=$(echo "$out" | awk '/Queries completed:/ {print $3}')
  lost=$(echo "$out" | awk '/Queries lost:/ {print $3}')
  qps=$(echo "$out" | awk '/Queries per second:/ {print $4}')
  noerr=$(echo "$out" | grep -o "NOERROR [0-9]*" | head -1 | cut -d" " -f2); nx=$(echo "$out" | grep -o "NXDOMAIN [0-9]*" | head -1 | cut -d" " -f2)
  hz=$(getconf CLK_TCK)
  cpu_us=$(awk -v t=$((after - before)) -v hz="$hz" -v n="$completed" 'BEGIN { printf "%.2f", t / hz * 1e6 / n }')
  results+=("$(printf '%-22s %8s %9s %10s %10s %10s %12s %6s %12s %s' "$server" "$load_s" \
    "$(awk -v t="$load_cpu" -v hz="$hz" 'BEGIN{printf "%.2f", t/hz}')" "$((hwm / 1024))" "$((rss / 1024))" "$((hwm2 / 1024))" "$qps" "$lost" "$cpu_us" "NOERROR $noerr NXDOMAIN $nx")")
  echo "${results[-1]}"
  kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""; sleep 0.5
done
echo
header
for r in "${results[@]}"; do echo "$r"; done
