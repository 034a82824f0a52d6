#!/usr/bin/env bash
# Durable UPDATE throughput (one signed A record per UPDATE over a fresh TCP connection, 1 and 8
# clients; 8 clients again on a 100,000-record zone) and AXFR time of that zone, for SplitDns and
# Knot in the same run.
# Loopback only. Needs dotnet; installs what else it needs from Debian's packages when missing
# (knotd, dig, bc, /usr/bin/python3 with dnspython), as scripts/test.sh does.
set -euo pipefail
cd "$(dirname "$0")/../.."

need=()
command -v knotd >/dev/null || [ -x /usr/sbin/knotd ] || need+=(knot)
command -v dig >/dev/null || need+=(bind9-dnsutils)
command -v bc >/dev/null || need+=(bc)
/usr/bin/python3 -c 'import dns.update' 2>/dev/null || need+=(python3-dnspython)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "updates.sh: installing ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
export PATH="$PATH:/usr/sbin"
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
KEY=externaldns
SECRET=c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0MTI=
WORK=$(mktemp -d /tmp/splitdns-bench-XXXXXX)
SD_ADDR=127.0.0.1; SD_PORT=25353; KNOT_ADDR=127.0.0.1; KNOT_PORT=25354
trap 'kill $SD_PID $KNOT_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
SD_PID=; KNOT_PID=

echo "== building"
dotnet build src/DnsServer -c Release -nologo -v quiet >/dev/null

make_zone() { # $1 = file, $2 = number of A records
  { echo '$ORIGIN example.com.'; echo '$TTL 3600'
    echo '@ IN SOA ns1 hostmaster 1 7200 900 1209600 300'; echo '@ IN NS ns1'; echo 'ns1 IN A 127.0.0.1'
    awk -v n="$2" 'BEGIN { for (i = 0; i < n; i++) printf "host%d 300 IN A 10.%d.%d.%d\n", i, int(i/65536)%256, int(i/256)%256, i%256 }'
  } > "$1"
}

# Forwarders: none upstream and the default conditional one on loopback (the default
# appsettings.json names public resolvers; nothing here is meant to leave loopback).
start_splitdns() { # $1 = dir with zones/example.com.zone
  cat > "$1/config.json" <<JSON
{ "SplitDns": { "Domain": "example.com", "ZoneDirectory": "$1/zones",
  "Zones": [ { "File": "example.com.zone", "Updates": [ { "Preset": "external-dns", "Key": "$KEY" } ] } ],
  "Listen": { "Dns": "$SD_ADDR:$SD_PORT", "Http": "$SD_ADDR:$((SD_PORT + 10))" }, "WatchZoneFiles": false,
  "Store": { "Path": "$1/data/splitdns.db" },
  "Forwarders": { "Upstream": "", "Conditional": { "lan": "127.0.0.1:9" } },
  "Tsig": { "Keys": [ { "Name": "$KEY", "Algorithm": "hmac-sha256", "Secret": "$SECRET" } ] },
  "Logging": { "LogLevel": { "Default": "Warning" } } } }
JSON
  dotnet src/DnsServer/bin/Release/net10.0/splitdns.dll --config "$1/config.json" --SplitDns:Blocking:Lists:stevenblack= > "$1/log.txt" 2>&1 &
  SD_PID=$!
  for _ in $(seq 1 100); do dig @$SD_ADDR -p $SD_PORT +time=1 +tries=1 +short example.com SOA >/dev/null 2>&1 && return; sleep 0.3; done
  echo "splitdns did not start"; cat "$1/log.txt"; exit 1
}

start_knot() { # $1 = dir with example.com.zone
  cat > "$1/knot.conf" <<CONF
server:
    listen: $KNOT_ADDR@$KNOT_PORT
    rundir: $1
database:
    storage: $1/db
key:
  - id: $KEY
    algorithm: hmac-sha256
    secret: $SECRET
acl:
  - id: ext
    key: $KEY
    action: [update, transfer]
template:
  - id: default
    storage: $1
    zonefile-sync: -1
    journal-content: changes
zone:
  - domain: example.com
    file: example.com.zone
    acl: ext
CONF
  mkdir -p "$1/db"   # knotd does not create its database directory
  knotd -c "$1/knot.conf" > "$1/knot.log" 2>&1 &
  KNOT_PID=$!
  for _ in $(seq 1 100); do dig @$KNOT_ADDR -p $KNOT_PORT +time=1 +tries=1 +short example.com SOA | grep -q . && return; sleep 0.3; done
  echo "knotd did not start"; cat "$1/knot.log"; exit 1
}

axfr_time() { # $1 addr, $2 port
  local s e; s=$(date +%s.%N)
  dig @"$1" -p "$2" -y "hmac-sha256:$KEY:$SECRET" example.com AXFR +noall +stats > "$WORK/axfr.txt"
  e=$(date +%s.%N)
  echo "$(echo "$e - $s" | bc) s, $(grep -o 'XFR size: .*' "$WORK/axfr.txt")"
}

load() { /usr/bin/python3 bench/load/updates_load.py "$1" "$2" example.com. $KEY $SECRET "$3" "$SECONDS_PER_RUN" "$4"; }

echo "== SplitDns (SQLite, WAL, synchronous=FULL)"
mkdir -p "$WORK/sd/zones"; make_zone "$WORK/sd/zones/example.com.zone" 100
start_splitdns "$WORK/sd"
echo "updates, 1 client:  $(load $SD_ADDR $SD_PORT 1 one)"
echo "updates, 8 clients: $(load $SD_ADDR $SD_PORT 8 eight)"
kill $SD_PID; wait $SD_PID 2>/dev/null || true
mkdir -p "$WORK/sdbig/zones"; make_zone "$WORK/sdbig/zones/example.com.zone" 100000
start_splitdns "$WORK/sdbig"
echo "AXFR 100k records:  $(axfr_time $SD_ADDR $SD_PORT)"
echo "AXFR 100k again:    $(axfr_time $SD_ADDR $SD_PORT)"
echo "updates, 8 clients, 100k-record zone: $(load $SD_ADDR $SD_PORT 8 big)"
kill $SD_PID; wait $SD_PID 2>/dev/null || true

echo "== Knot $(knotd --version | head -1 | awk '{print $NF}') (journal, zonefile-sync -1)"
mkdir -p "$WORK/knot"; make_zone "$WORK/knot/example.com.zone" 100
start_knot "$WORK/knot"
echo "updates, 1 client:  $(load $KNOT_ADDR $KNOT_PORT 1 one)"
echo "updates, 8 clients: $(load $KNOT_ADDR $KNOT_PORT 8 eight)"
kill $KNOT_PID; wait $KNOT_PID 2>/dev/null || true
mkdir -p "$WORK/knotbig"; make_zone "$WORK/knotbig/example.com.zone" 100000
start_knot "$WORK/knotbig"
echo "AXFR 100k records:  $(axfr_time $KNOT_ADDR $KNOT_PORT)"
echo "AXFR 100k again:    $(axfr_time $KNOT_ADDR $KNOT_PORT)"
echo "updates, 8 clients, 100k-record zone: $(load $KNOT_ADDR $KNOT_PORT 8 big)"
