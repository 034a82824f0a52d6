#!/usr/bin/env bash
# Query log benchmark: SplitDns answering authoritatively with the query log off, then on
# (SQLite, every query logged), same query file, same run. Reports queries/s, lost, server CPU
# µs per query (utime+stime from /proc over the measured dnsperf run, so the writer's inserts are
# included), and the log's written/dropped/failed counts from /metrics after the run.
# Loopback only (a private network namespace when permitted, else 127.0.0.79); every dnsperf run
# is bounded by -l. dnsperf is pinned to CPU 0, SplitDns to CPU 1.
# Usage: bench/load/querylog.sh      (env: DURATION=10 PORT=5320 RATE= (dnsperf -Q; empty: as fast as it goes))
set -euo pipefail
cd "$(dirname "$0")/../.."

. bench/load/lib.sh
need_packages querylog.sh dnsperf:dnsperf dig:bind9-dnsutils ip:iproute2 taskset:util-linux curl:curl

DURATION=${DURATION:-10}
PORT=${PORT:-5320}
RATE=${RATE:-}
NETNS=splitdns-qlogbench-$$
work=$(mktemp -d /tmp/splitdns-qlogbench.XXXXXX)
trap bench_cleanup EXIT
enter_netns 127.0.0.79

bench_zone > "$work/bench.test.zone"
for i in $(seq 0 9999); do echo "n$((i % 1000)).bench.test A"; done > "$work/queries.txt"

write_config() {
  cat > "$work/splitdns.json" <<JSON
{
  "SplitDns": {
    "Domain": "bench.test",
    "ZoneDirectory": "$work",
    "Zones": [ { "File": "bench.test.zone", "Origin": "bench.test" } ],
    "Listen": { "Dns": "$ADDR:$PORT", "Http": "$ADDR:$((PORT + 1))" },
    "WatchZoneFiles": false,
    "Store": { "Path": "$work/data/splitdns.db" },
    "Forwarders": { "Upstream": "", "Conditional": { "lan": "" } },
    "Blocking": { "CacheDirectory": "$work/cache", "Lists": { "stevenblack": "" } },
    "Views": [ { "Name": "bench", "Networks": "127.0.0.0/8" } ],
    "QueryLog": { "Enabled": $1, "Path": "$work/data/querylog.db" }
  },
  "Logging": { "LogLevel": { "Default": "Warning" } }
}
JSON
}

dotnet build src/DnsServer -c Release -nologo -v quiet >/dev/null
SPLITDNS_DLL=$PWD/src/DnsServer/bin/Release/net10.0/splitdns.dll

metric() { "${NS[@]}" curl -s "http://$ADDR:$((PORT + 1))/metrics" | awk -v k="$1" 'index($0, k) == 1 {print $2}'; }
load_avg() { cut -d' ' -f1 /proc/loadavg; }
perf_args=(-s "$ADDR" -p "$PORT" -d "$work/queries.txt" -c 20)
if [ -n "$RATE" ]; then perf_args+=(-Q "$RATE"); else perf_args+=(-q 200); fi

results=()
for mode in off on; do
  write_config "$([ "$mode" = on ] && echo true || echo false)"
  "${NS[@]}" taskset -c 1 dotnet "$SPLITDNS_DLL" --config "$work/splitdns.json" >"$work/splitdns-$mode.log" 2>&1 &
  server_pid=$!
  wait_answer 300 "$PORT" n1.bench.test '^192\.' || { echo "splitdns ($mode) did not answer:"; cat "$work/splitdns-$mode.log"; exit 1; }
  "${NS[@]}" taskset -c 0 dnsperf "${perf_args[@]}" -l 3 >/dev/null 2>&1   # warm (JIT)
  load=$(load_avg)
  before=$(cpu_ticks "$server_pid")
  out=$("${NS[@]}" taskset -c 0 dnsperf "${perf_args[@]}" -l "$DURATION" 2>&1)
  after=$(cpu_ticks "$server_pid")
  read_dnsperf "$out" "$before" "$after"
  sleep 2   # the writer's last batches
  written=$(metric 'splitdns_querylog_entries_total{result="written"}'); dropped=$(metric 'splitdns_querylog_entries_total{result="dropped"}')
  failed=$(metric 'splitdns_querylog_entries_total{result="failed"}')
  rows=""; [ "$mode" = on ] && command -v sqlite3 >/dev/null && rows=$(sqlite3 "$work/data/querylog.db" 'SELECT COUNT(*) FROM query_log;' 2>/dev/null || true)
  results+=("$(printf '%-6s %12s %6s %14s %10s %10s %8s %10s %6s' "$mode" "$qps" "$lost" "$cpu_us" "${written:--}" "${dropped:--}" "${failed:--}" "${rows:--}" "$load")")
  stop_server
done

echo
echo "dnsperf ${perf_args[*]:6} -l $DURATION; authoritative answers (1,000 names), query log SQLite, SampleRate 1"
printf '%-6s %12s %6s %14s %10s %10s %8s %10s %6s\n' log "queries/s" lost "CPU us/query" written dropped failed rows load
for r in "${results[@]}"; do echo "$r"; done
