#!/usr/bin/env bash
# Live mutation run: starts the real server on 127.0.0.77 (loopback only; no upstream forwarder,
# the conditional one pointed at a loopback port nobody answers) and sends it mutated packets over
# UDP and TCP with bench/load/mutate.py (see there for the mutations and the checks: the process
# never dies, a control query keeps being answered, no reply to malformed input larger than it).
#
#   bench/load/mutate.sh                 COUNT=1000000 SECONDS_MAX=1200 TCP_SHARE=0.1
set -euo pipefail
cd "$(dirname "$0")/../.."
/usr/bin/python3 -c 'import dns.update' 2>/dev/null || {
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-dnspython >/dev/null
}
COUNT=${COUNT:-1000000}
SECONDS_MAX=${SECONDS_MAX:-1200}
TCP_SHARE=${TCP_SHARE:-0.1}
ADDR=127.0.0.77; PORT=${PORT:-25377}
WORK=$(mktemp -d /tmp/splitdns-mutate-XXXXXX)
SD_PID=
trap '[ -n "$SD_PID" ] && kill $SD_PID 2>/dev/null; rm -rf "$WORK"' EXIT

[ -n "${NO_BUILD:-}" ] || dotnet build src/DnsServer -c Release -nologo -v quiet >/dev/null
mkdir -p "$WORK/zones" "$WORK/data"
cp zones/example.com.zone "$WORK/zones/"
cat > "$WORK/config.json" <<JSON
{ "SplitDns": { "Domain": "example.com", "ZoneDirectory": "$WORK/zones",
  "Zones": [ { "File": "example.com.zone" } ],
  "Listen": { "Dns": "$ADDR:$PORT", "Http": "$ADDR:$((PORT + 10))" }, "WatchZoneFiles": false,
  "Store": { "Path": "$WORK/data/splitdns.db" },
  "Forwarders": { "Upstream": "", "Conditional": { "lan": "127.0.0.1:9" } },
  "Logging": { "LogLevel": { "Default": "Warning" } } } }
JSON
dotnet src/DnsServer/bin/Release/net10.0/splitdns.dll --config "$WORK/config.json" \
  --SplitDns:Blocking:Lists:stevenblack= > "$WORK/log.txt" 2>&1 &
SD_PID=$!
for _ in $(seq 1 100); do
  /usr/bin/python3 - "$ADDR" "$PORT" <<'PY' 2>/dev/null && break
import sys, socket, dns.message
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(1)
s.sendto(dns.message.make_query("example.com", "SOA").to_wire(), (sys.argv[1], int(sys.argv[2]))); s.recvfrom(512)
socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=1).close()  # TCP starts a few seconds after UDP
PY
  sleep 0.3
done
rss_before=$(awk '/VmRSS/ {print $2}' /proc/$SD_PID/status)
cpu_before=$(awk '{print $14 + $15}' /proc/$SD_PID/stat)
status=0
/usr/bin/python3 bench/load/mutate.py --server $ADDR --port $PORT --count "$COUNT" --seconds "$SECONDS_MAX" \
  --tcp-share "$TCP_SHARE" --pid $SD_PID | tee "$WORK/result.json" || status=$?
if kill -0 $SD_PID 2>/dev/null; then
  echo "server alive; RSS $rss_before -> $(awk '/VmRSS/ {print $2}' /proc/$SD_PID/status) KiB;" \
    "CPU $(( ($(awk '{print $14 + $15}' /proc/$SD_PID/stat) - cpu_before) / $(getconf CLK_TCK) )) s"
else
  echo "server died"; status=1
fi
grep -E "fail|crit|Unhandled" -i "$WORK/log.txt" | head -20 || true
exit $status
