#!/usr/bin/env bash
# RSS at start: the Native AOT binary and the JIT build, each started as run.sh starts SplitDns
# (same overrides, loopback only: a private network namespace, else 127.0.0.78), measured after
# the first answer: VmRSS, VmHWM and the anonymous / file-backed / shared split of /proc/PID/status.
# With CPU=1 it then alternates dnsperf runs (run.sh's max-throughput shape) between the two
# builds, ROUNDS times, and prints the CPU per query of each and the ratio AOT/JIT.
# Usage: bench/load/rss.sh     (env: CPU=0 ROUNDS=3 DURATION=10 PORT=5310 SKIP_BUILD=0)
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PATH:/usr/sbin:/sbin"

CPU=${CPU:-0}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
PORT=${PORT:-5310}
CLIENT_CPU=0
SERVER_CPU=1
NETNS=splitdns-rss-$$
work=$(mktemp -d /tmp/splitdns-rss.XXXXXX)
AOT_DIR=${AOT_DIR:-/tmp/splitdns-aot}
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
  ADDR=127.0.0.78
  echo "network: 'ip netns add' not permitted; falling back to $ADDR on the host loopback"
fi

bash bench/load/make-data.sh "$work" >/dev/null
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  dotnet build src/DnsServer -c Release -nologo -v quiet >/dev/null
  dotnet publish src/DnsServer -c Release -r linux-x64 -p:PublishAot=true -nologo -v quiet -o "$AOT_DIR" >/dev/null
fi
JIT=(dotnet src/DnsServer/bin/Release/net10.0/splitdns.dll)
AOT=("$AOT_DIR/splitdns")

start() { # build name, then the command
  local name=$1; shift
  "${NS[@]}" taskset -c $SERVER_CPU "$@" --SplitDns:Listen:Dns="$ADDR:$PORT" \
    --SplitDns:Listen:Http="$ADDR:$((PORT + 1))" --SplitDns:ZoneDirectory="$work" --SplitDns:Domain=bench.test \
    --SplitDns:Zones:0:File=bench.test.zone --SplitDns:WatchZoneFiles=false --Logging:LogLevel:Default=Warning \
    --SplitDns:Forwarders:Upstream= --SplitDns:Forwarders:Conditional:lan="$ADDR:9" --SplitDns:Blocking:Lists:stevenblack= \
    >"$work/$name.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 150); do
    if "${NS[@]}" dig +short +time=1 +tries=1 @"$ADDR" -p "$PORT" host1.bench.test A 2>/dev/null | grep -q '^10\.'; then return 0; fi
    sleep 0.2
  done
  echo "$name did not answer:" >&2; cat "$work/$name.log" >&2; return 1
}

stop() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  sleep 0.5
}

# The server's pid: with a namespace, server_pid is `ip netns exec`, which execs taskset, which execs the server.
status_kb() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$server_pid/status"; }

rss() {
  local name=$1; shift
  start "$name" "$@"
  sleep 1
  printf '%-4s VmRSS %6.1f MB  VmHWM %6.1f MB  anon %5.1f  file %5.1f  shmem %5.1f  threads %s\n' "$name" \
    "$(echo "$(status_kb VmRSS) / 1024" | bc -l)" "$(echo "$(status_kb VmHWM) / 1024" | bc -l)" \
    "$(echo "$(status_kb RssAnon) / 1024" | bc -l)" "$(echo "$(status_kb RssFile) / 1024" | bc -l)" \
    "$(echo "$(status_kb RssShmem) / 1024" | bc -l)" "$(status_kb Threads)"
  [ -n "${SMAPS:-}" ] && cp "/proc/$server_pid/smaps" "$SMAPS.$name"
  stop
}

rss jit "${JIT[@]}"
rss aot "${AOT[@]}"

[ "$CPU" = 1 ] || exit 0

ticks() { sed 's/.*) //' "/proc/$server_pid/stat" | awk '{print $12 + $13}'; }
hz=$(getconf CLK_TCK)
cpu_run() {
  local name=$1; shift
  start "$name" "$@"
  "${NS[@]}" taskset -c $CLIENT_CPU dnsperf -s "$ADDR" -p "$PORT" -d "$work/queries.txt" -c 20 -q 200 -l 3 >/dev/null 2>&1
  local before after out n
  before=$(ticks)
  out=$("${NS[@]}" taskset -c $CLIENT_CPU dnsperf -s "$ADDR" -p "$PORT" -d "$work/queries.txt" -c 20 -q 200 -l "$DURATION" 2>&1)
  after=$(ticks)
  n=$(echo "$out" | awk '/Queries completed:/ {print $3}')
  stop
  awk -v t=$((after - before)) -v hz="$hz" -v n="$n" 'BEGIN { printf "%.2f", t / hz * 1e6 / n }'
}

echo "CPU per query, dnsperf -c 20 -q 200 -l $DURATION after a 3 s warm-up, alternating ($ROUNDS rounds; load: $(cut -d' ' -f1-3 /proc/loadavg))"
for r in $(seq 1 "$ROUNDS"); do
  j=$(cpu_run jit "${JIT[@]}")
  a=$(cpu_run aot "${AOT[@]}")
  printf 'round %d  jit %6s us/query  aot %6s us/query  aot/jit %.2f\n' "$r" "$j" "$a" "$(echo "$a / $j" | bc -l)"
done
