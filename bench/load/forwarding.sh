#!/usr/bin/env bash
# Forwarding benchmark: SplitDns vs Unbound vs dnsmasq, all forwarding to the same local
# authoritative server (knotd) on loopback, same query mix, same run. Loopback only; every
# dnsperf run is bounded by -l. Usage: bench/load/forwarding.sh [seconds per run] [miss qps]
set -euo pipefail
cd "$(dirname "$0")/../.."

. bench/load/lib.sh
need_packages forwarding.sh knotd:knot unbound:unbound dnsmasq:dnsmasq-base dnsperf:dnsperf dig:bind9-dnsutils
SECS=${1:-10}
MISS_QPS=${2:-2000}
W=$(mktemp -d /tmp/splitdns-fwdbench.XXXX)
AUTH=127.0.0.53; AUTH_PORT=5300
SPLIT=127.0.0.54; UNBOUND=127.0.0.55; DNSMASQ=127.0.0.56; PORT=5301
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$W"; }
trap cleanup EXIT

# Zone: 1000 names for the cached mix, a wildcard so every unique miss name has an answer.
bench_zone wildcard > "$W/bench.test.zone"
# SplitDns serves one unrelated zone (the embedded default zone would need zones/ beside it).
printf '$TTL 300\n@ IN SOA ns h 1 3600 600 604800 300\n  IN NS ns\nns IN A 192.0.2.1\n' > "$W/local.zone"
mkdir -p "$W/knot"
cat > "$W/knot.conf" <<CONF
server:
    listen: $AUTH@$AUTH_PORT
    rundir: $W/knot
database:
    storage: $W/knot
zone:
  - domain: bench.test
    file: $W/bench.test.zone
CONF
knotd -c "$W/knot.conf" >/dev/null 2>&1 & pids+=($!)

dotnet publish src/DnsServer -c Release -o "$W/splitdns" -nologo -v quiet >/dev/null 2>&1
(cd "$W/splitdns" && exec ./splitdns --SplitDns:Listen:Dns=$SPLIT:$PORT --SplitDns:Listen:Http=$SPLIT:5380 \
   --SplitDns:ZoneDirectory="$W" --SplitDns:Zones:0:File=local.zone --SplitDns:Zones:0:Origin=local.invalid \
   --SplitDns:Forwarders:Upstream=$AUTH:$AUTH_PORT --SplitDns:Forwarders:Conditional:lan=$AUTH:$AUTH_PORT --SplitDns:Blocking:Lists:stevenblack= \
   --Logging:LogLevel:Default=Warning >"$W/splitdns.log" 2>&1) & pids+=($!)

cat > "$W/unbound.conf" <<CONF
server:
    interface: $UNBOUND
    port: $PORT
    num-threads: 2
    do-daemonize: no
    username: ""
    chroot: ""
    directory: "$W"
    pidfile: "$W/unbound.pid"
    use-syslog: no
    logfile: ""
    verbosity: 0
    access-control: 127.0.0.0/8 allow
    do-not-query-localhost: no
    module-config: "iterator"
    msg-cache-size: 64m
    rrset-cache-size: 64m
forward-zone:
    name: "."
    forward-addr: $AUTH@$AUTH_PORT
CONF
unbound -c "$W/unbound.conf" >/dev/null 2>&1 & pids+=($!)
dnsmasq -k --no-resolv --no-hosts --user=root --bind-interfaces --listen-address=$DNSMASQ --port=$PORT \
  --server=$AUTH#$AUTH_PORT --cache-size=10000 --dns-forward-max=1000 >/dev/null 2>&1 & pids+=($!)

# Wait (bounded) until each forwarder answers.
sleep 1; kill -0 "${pids[1]}" 2>/dev/null || { echo "splitdns did not start:"; cat "$W/splitdns.log"; exit 1; }
for s in $SPLIT $UNBOUND $DNSMASQ; do
  for _ in $(seq 1 100); do dig @$s -p $PORT +tries=1 +time=1 n1.bench.test A +short >/dev/null 2>&1 && break; sleep 0.2; done
done

for i in $(seq 0 999); do echo "n$i.bench.test A"; done > "$W/cached.txt"
run() { dnsperf -s "$1" -p $PORT -d "$2" -l "$3" -c 4 -q 200 "${@:4}" 2>&1; }
qps() { awk '/Queries per second/ {print $4}'; }

echo "== cached: 1000 names, warmed, ${SECS}s each, dnsperf -c 4 -q 200"
declare -A CACHED
for name in splitdns unbound dnsmasq; do
  case $name in splitdns) s=$SPLIT;; unbound) s=$UNBOUND;; dnsmasq) s=$DNSMASQ;; esac
  run $s "$W/cached.txt" 3 >/dev/null                       # warm the cache
  out=$(run $s "$W/cached.txt" "$SECS")
  CACHED[$name]=$(echo "$out" | qps)
  lost=$(echo "$out" | awk '/Queries lost/ {print $3}')
  printf '%-9s %10s q/s  (lost %s)\n' "$name" "${CACHED[$name]}" "$lost"
done
awk -v s="${CACHED[splitdns]}" -v u="${CACHED[unbound]}" -v d="${CACHED[dnsmasq]}" \
  'BEGIN { printf "ratio SplitDns/Unbound %.2f, SplitDns/dnsmasq %.2f\n", s/u, s/d }'

echo "== cache misses: unique names at ${MISS_QPS} q/s for ${SECS}s (latency percentiles, ms)"
for name in splitdns unbound dnsmasq; do
  case $name in splitdns) s=$SPLIT;; unbound) s=$UNBOUND;; dnsmasq) s=$DNSMASQ;; esac
  total=$((MISS_QPS * SECS))
  for i in $(seq 1 $total); do echo "m$i-$name-$RANDOM.bench.test A"; done > "$W/miss.txt"
  out=$(run $s "$W/miss.txt" "$SECS" -Q "$MISS_QPS" -n 1 -v)
  got=$(echo "$out" | qps)
  echo "$out" | awk '/^> / {print $NF * 1000}' | sort -n | awk -v n="$name" -v q="$got" '
    { a[NR] = $1 } END { if (NR == 0) { print n ": no answers"; exit }
      printf "%-9s %8s q/s  p50 %.3f  p90 %.3f  p99 %.3f  max %.3f  (n=%d)\n", n, q,
        a[int(NR*0.5)+1], a[int(NR*0.9)+1], a[int(NR*0.99)+1], a[NR], NR }'
done
