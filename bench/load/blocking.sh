#!/usr/bin/env bash
# Blocking benchmark: SplitDns forwarding to a local authoritative server (knotd) with blocking
# off and then on (a 1,000,000-domain list from a local file), same query file, same run.
# Reports queries/s, CPU µs per query, the server's resident memory and the list load time.
# Loopback only (a private network namespace when permitted, else 127.0.0.78); every dnsperf run
# is bounded by -l. dnsperf is pinned to CPU 0, SplitDns to CPU 1, knotd shares CPU 0.
# Usage: bench/load/blocking.sh      (env: DURATION=15 DOMAINS=1000000 LISTED=10 PORT=5300)
# LISTED is the percentage of queries for listed names (0: every query is an allowed cache hit,
# which isolates the cost of the lookup itself).
set -euo pipefail
cd "$(dirname "$0")/../.."

. bench/load/lib.sh
need_packages blocking.sh knotd:knot dnsperf:dnsperf dig:bind9-dnsutils ip:iproute2 taskset:util-linux

DURATION=${DURATION:-15}
DOMAINS=${DOMAINS:-1000000}
LISTED=${LISTED:-10}
PORT=${PORT:-5300}
AUTH_PORT=$((PORT + 10))
NETNS=splitdns-blockbench-$$
work=$(mktemp -d /tmp/splitdns-blockbench.XXXXXX)
trap bench_cleanup EXIT
enter_netns 127.0.0.78

# The upstream: bench.test with 1,000 names and a wildcard, so every listed name has an answer
# when blocking is off (the comparison forwards and caches the same names blocking would stop).
bench_zone wildcard > "$work/bench.test.zone"
mkdir -p "$work/knot"
cat > "$work/knot.conf" <<CONF
server:
    listen: $ADDR@$AUTH_PORT
    rundir: $work/knot
database:
    storage: $work/knot
zone:
  - domain: bench.test
    file: $work/bench.test.zone
CONF
"${NS[@]}" taskset -c 0 knotd -c "$work/knot.conf" >"$work/knot.log" 2>&1 & pids+=($!)

# The list: $DOMAINS distinct names in hosts format, spread over 997 parents under bench.test.
awk -v n="$DOMAINS" 'BEGIN { print "# generated blocklist"; for (i = 0; i < n; i++) printf "0.0.0.0 ad%d.t%d.bench.test\n", i, i % 997 }' > "$work/big.hosts"
echo "list: $(grep -vc '^#' "$work/big.hosts") domains, $(du -m "$work/big.hosts" | cut -f1) MB"

# Queries: 10,000 lines, LISTED% listed names, the rest the 1,000 allowed names (cache hits once warmed).
for i in $(seq 0 9999); do
  if [ $((i % 100)) -lt "$LISTED" ]; then echo "ad$((i * 97 % DOMAINS)).t$((i * 97 % DOMAINS % 997)).bench.test A"; else echo "n$((i % 1000)).bench.test A"; fi
done > "$work/queries.txt"

printf '$TTL 300\n@ IN SOA ns h 1 3600 600 604800 300\n  IN NS ns\nns IN A 192.0.2.1\n' > "$work/local.zone"
# A --config file replaces the default views (home/pods/tailscale) with one view for everyone
# and removes the default conditional forwarder and the default (downloaded) list.
write_config() {
  local blocking=$1 lists=$2
  cat > "$work/splitdns.json" <<JSON
{
  "SplitDns": {
    "Domain": "local.invalid",
    "ZoneDirectory": "$work",
    "Zones": [ { "File": "local.zone", "Origin": "local.invalid" } ],
    "Listen": { "Dns": "$ADDR:$PORT", "Http": "$ADDR:$((PORT + 1))" },
    "WatchZoneFiles": false,
    "Store": { "Path": "$work/data/splitdns.db" },
    "Forwarders": { "Upstream": "$ADDR:$AUTH_PORT", "Conditional": { "lan": "" } },
    "Blocking": { "CacheDirectory": "$work/cache", "Lists": { "stevenblack": "" $lists } },
    "Views": [ { "Name": "bench", "Networks": "127.0.0.0/8", "Blocking": $blocking } ]
  },
  "Logging": { "LogLevel": { "Default": "Warning" } }
}
JSON
}

dotnet build src/DnsServer -c Release -nologo -v quiet >/dev/null
SPLITDNS_DLL=$PWD/src/DnsServer/bin/Release/net10.0/splitdns.dll

rss_mb() { awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
hwm_mb() { awk '/^VmHWM:/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

results=()
for mode in off on; do
  if [ "$mode" = on ]; then
    write_config '{ "Mode": "NxDomain", "Lists": "big" }' ", \"big\": { \"Source\": \"$work/big.hosts\", \"Format\": \"Hosts\" }"
  else
    write_config 'false' ''
  fi
  start=$(date +%s.%N)
  "${NS[@]}" taskset -c 1 dotnet "$SPLITDNS_DLL" --config "$work/splitdns.json" >"$work/splitdns-$mode.log" 2>&1 &
  server_pid=$!
  wait_answer 300 "$PORT" n1.bench.test '^192\.' || { echo "splitdns ($mode) did not answer:"; cat "$work/splitdns-$mode.log"; exit 1; }
  startup=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
  listed=$("${NS[@]}" dig +time=1 +tries=1 @"$ADDR" -p "$PORT" ad5.t5.bench.test A | awk '/status:/ {print $6}' | tr -d ,)
  "${NS[@]}" taskset -c 0 dnsperf -s "$ADDR" -p "$PORT" -d "$work/queries.txt" -c 20 -q 200 -l 3 >/dev/null 2>&1   # warm (JIT, cache)
  before=$(cpu_ticks "$server_pid")
  out=$("${NS[@]}" taskset -c 0 dnsperf -s "$ADDR" -p "$PORT" -d "$work/queries.txt" -c 20 -q 200 -l "$DURATION" 2>&1)
  after=$(cpu_ticks "$server_pid")
  read_dnsperf "$out" "$before" "$after"
  results+=("$(printf '%-9s %-10s %12s %6s %14s %8s %8s %10s' "$mode" "$listed" "$qps" "$lost" "$cpu_us" "$(rss_mb "$server_pid")" "$(hwm_mb "$server_pid")" "$startup")")
  stop_server
done

echo
echo "dnsperf -c 20 -q 200 -l $DURATION; $((100 - LISTED))% cached allowed names, $LISTED% listed names"
printf '%-9s %-10s %12s %6s %14s %8s %8s %10s\n' blocking "listed" "queries/s" lost "CPU us/query" "RSS MB" "peak MB" "ready s"
for r in "${results[@]}"; do echo "$r"; done
