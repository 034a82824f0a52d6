#!/usr/bin/env bash
# DNS over TLS vs TCP 53: one SplitDns serving one zone on both (Listen:Dns and Listen:Dot, a
# certificate from a CA made here with openssl), driven by dnsperf -m tcp and -m dot in turn, in
# the same run, same query file, alternating ROUNDS times. Reports queries/s, lost, server CPU µs
# per query (utime+stime from /proc over each measured run) and the DoT/TCP ratios. The machine
# may be shared: read the ratios, not the absolute numbers.
# Loopback only (a private network namespace when permitted, else 127.0.0.81); every dnsperf run
# is bounded by -l. dnsperf is pinned to CPU 0, SplitDns to CPU 1.
# Usage: bench/load/dot.sh   (env: DURATION=10 ROUNDS=2 CLIENTS=20 PORT=5330; dnsperf -c CLIENTS is the connection count)
set -euo pipefail
cd "$(dirname "$0")/../.."

. bench/load/lib.sh
need_packages dot.sh dnsperf:dnsperf dig:bind9-dnsutils ip:iproute2 taskset:util-linux openssl:openssl
dnsperf -h 2>&1 | grep -q 'udp, tcp, dot' || { echo "dot.sh: this dnsperf has no -m dot (needs dnsperf 2.5 or later)"; exit 1; }

DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-2}
CLIENTS=${CLIENTS:-20}
PORT=${PORT:-5330}
NETNS=splitdns-dotbench-$$
work=$(mktemp -d /tmp/splitdns-dotbench.XXXXXX)
trap bench_cleanup EXIT
enter_netns 127.0.0.81

# A CA and a server certificate for dns.bench.test (ECDSA P-256, as cert-manager issues by default for ECDSA).
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/ca.key" -out "$work/ca.pem" \
  -subj "/CN=SplitDns bench CA" -days 2 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/tls.key" -out "$work/tls.csr" \
  -subj "/CN=dns.bench.test" 2>/dev/null
printf 'subjectAltName=DNS:dns.bench.test,IP:%s\nextendedKeyUsage=serverAuth\n' "$ADDR" > "$work/ext"
openssl x509 -req -in "$work/tls.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial -out "$work/tls.crt" \
  -days 1 -extfile "$work/ext" 2>/dev/null

bench_zone > "$work/bench.test.zone"
for i in $(seq 0 9999); do echo "n$((i % 1000)).bench.test A"; done > "$work/queries.txt"

DOT_PORT=$((PORT + 2))
cat > "$work/splitdns.json" <<JSON
{
  "SplitDns": {
    "Domain": "bench.test",
    "ZoneDirectory": "$work",
    "Zones": [ { "File": "bench.test.zone", "Origin": "bench.test" } ],
    "Listen": { "Dns": "$ADDR:$PORT", "Http": "$ADDR:$((PORT + 1))", "Dot": "$ADDR:$DOT_PORT" },
    "Tls": { "Certificates": [ { "CertificatePath": "$work/tls.crt", "KeyPath": "$work/tls.key" } ] },
    "WatchZoneFiles": false,
    "Store": { "Path": "$work/data/splitdns.db" },
    "Forwarders": { "Upstream": "", "Conditional": { "lan": "" } },
    "Blocking": { "CacheDirectory": "$work/cache", "Lists": { "stevenblack": "" } },
    "Views": [ { "Name": "bench", "Networks": "127.0.0.0/8" } ]
  },
  "Logging": { "LogLevel": { "Default": "Warning" } }
}
JSON

dotnet build src/DnsServer -c Release -nologo -v quiet >/dev/null
SPLITDNS_DLL=$PWD/src/DnsServer/bin/Release/net10.0/splitdns.dll

load_avg() { cut -d' ' -f1 /proc/loadavg; }

"${NS[@]}" taskset -c 1 dotnet "$SPLITDNS_DLL" --config "$work/splitdns.json" >"$work/splitdns.log" 2>&1 &
server_pid=$!
wait_answer 300 "$DOT_PORT" n1.bench.test '^192\.' +tls +tls-ca="$work/ca.pem" +tls-hostname=dns.bench.test || { echo "splitdns did not answer over DoT:"; cat "$work/splitdns.log"; exit 1; }

perf() {  # mode port seconds
  "${NS[@]}" taskset -c 0 dnsperf -m "$1" -s "$ADDR" -p "$2" -d "$work/queries.txt" -c "$CLIENTS" -q 200 -l "$3" 2>&1
}
perf tcp "$PORT" 3 >/dev/null; perf dot "$DOT_PORT" 3 >/dev/null   # warm (JIT, TLS code paths)

declare -A sum_qps sum_cpu
rows=()
for round in $(seq 1 "$ROUNDS"); do
  for mode in tcp dot; do
    port=$PORT; [ "$mode" = dot ] && port=$DOT_PORT
    load=$(load_avg)
    before=$(cpu_ticks "$server_pid")
    out=$(perf "$mode" "$port" "$DURATION")
    after=$(cpu_ticks "$server_pid")
    read_dnsperf "$out" "$before" "$after"
    sum_qps[$mode]=$(awk -v a="${sum_qps[$mode]:-0}" -v b="$qps" 'BEGIN { print a + b }')
    sum_cpu[$mode]=$(awk -v a="${sum_cpu[$mode]:-0}" -v b="$cpu_us" 'BEGIN { print a + b }')
    rows+=("$(printf '%-5s %-4s %12s %8s %14s %6s' "$round" "$mode" "$qps" "$lost" "$cpu_us" "$load")")
  done
done

echo
echo "splitdns $(git rev-parse --short HEAD), $(nproc) CPUs, dnsperf -c $CLIENTS -q 200 -l $DURATION, $ROUNDS rounds"
printf '%-5s %-4s %12s %8s %14s %6s\n' round mode "queries/s" lost "CPU µs/query" load
for r in "${rows[@]}"; do echo "$r"; done
awk -v tq="${sum_qps[tcp]}" -v dq="${sum_qps[dot]}" -v tc="${sum_cpu[tcp]}" -v dc="${sum_cpu[dot]}" \
  'BEGIN { printf "DoT/TCP: queries/s %.2f, CPU per query %.2f (means over the rounds)\n", dq / tq, dc / tc }'
grep -E ' (fail|error)' "$work/splitdns.log" | head -5 || true
