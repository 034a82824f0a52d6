#!/usr/bin/env bash
# Several replicas on one PostgreSQL store: durable UPDATE throughput through one replica and
# through three at once (all on one zone, so commits contend on its row lock), propagation delay
# between replicas (p50/p99), and server CPU per query with the PostgreSQL store vs SQLite.
# Loopback only: a throwaway PostgreSQL cluster on 127.0.0.1, servers on 127.0.0.11-.14.
# Installs what it needs from Debian's packages when missing, as scripts/test.sh does.
set -euo pipefail
cd "$(dirname "$0")/../.."

need=()
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
command -v dig >/dev/null || need+=(bind9-dnsutils)
command -v dnsperf >/dev/null || need+=(dnsperf)
command -v bc >/dev/null || need+=(bc)
command -v curl >/dev/null || need+=(curl)
/usr/bin/python3 -c 'import dns.update' 2>/dev/null || need+=(python3-dnspython)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "replicas.sh: installing ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
SAMPLES=${SAMPLES:-300}
QUERIES=${QUERIES:-200000}
PROPAGATION_SECONDS=${PROPAGATION_SECONDS:-30}   # bound on the whole propagation phase (each sample: 2 s at most)
QUERY_SECONDS=${QUERY_SECONDS:-30}               # bound on each dnsperf run
KEY=externaldns
SECRET=c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0MTI=
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
WORK=$(mktemp -d /tmp/splitdns-replicas-XXXXXX)
PGPORT=$((26000 + RANDOM % 1000))
PIDS=()
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  as_pg "$PGBIN/pg_ctl" -D "$WORK/pg" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== $(date -u +%FT%TZ), $(git rev-parse --short HEAD), nproc $(nproc), uptime:$(uptime | sed 's/.*up/ up/')"
dotnet build src/DnsServer -c Release -nologo -v quiet >/dev/null
DLL=src/DnsServer/bin/Release/net10.0/splitdns.dll

mkdir -p "$WORK/pg"
[ "$(id -u)" = 0 ] && chown postgres "$WORK" "$WORK/pg"
as_pg "$PGBIN/initdb" -D "$WORK/pg" -U postgres --auth=trust -E UTF8 >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$PGPORT -c unix_socket_directories=$WORK/pg" start >/dev/null
psql -h 127.0.0.1 -p $PGPORT -U postgres -qc "CREATE DATABASE one" -c "CREATE DATABASE three" >/dev/null
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT (fsync on, synchronous_commit on)"

make_zone() { # $1 = file
  { echo '$ORIGIN example.com.'; echo '$TTL 3600'
    echo '@ IN SOA ns1 hostmaster 1 7200 900 1209600 300'; echo '@ IN NS ns1'; echo 'ns1 IN A 127.0.0.1'
    for i in $(seq 0 99); do echo "host$i 300 IN A 10.0.0.$i"; done
  } > "$1"
}

start() { # $1 = name, $2 = address, $3 = Store JSON
  local dir="$WORK/$1"; mkdir -p "$dir/zones"; make_zone "$dir/zones/example.com.zone"
  cat > "$dir/config.json" <<JSON
{ "SplitDns": { "Domain": "example.com", "ZoneDirectory": "$dir/zones",
  "Zones": [ { "File": "example.com.zone", "Updates": [ { "Preset": "external-dns", "Key": "$KEY" } ] } ],
  "Listen": { "Dns": "$2:25353", "Http": "$2:25380" }, "WatchZoneFiles": false,
  "Store": $3,
  "Forwarders": { "Upstream": "", "Conditional": { "lan": "127.0.0.1:9" } },
  "Tsig": { "Keys": [ { "Name": "$KEY", "Algorithm": "hmac-sha256", "Secret": "$SECRET" } ] },
  "Logging": { "LogLevel": { "Default": "Warning", "SplitDns.ZoneStore.Writing.ZoneWriter": "Information" } } } }
JSON
  (cd "$dir" && exec taskset -c 1 dotnet "$OLDPWD/$DLL" --config "$dir/config.json" --SplitDns:Blocking:Lists:stevenblack= > "$dir/log.txt" 2>&1) &
  PIDS+=($!)
  for _ in $(seq 1 100); do dig @"$2" -p 25353 +time=1 +tries=1 +short example.com SOA | grep -q . && return; sleep 0.3; done
  echo "$1 did not start"; cat "$dir/log.txt"; exit 1
}
stop_all() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; PIDS=(); }
pg_store() { echo "{ \"Provider\": \"Postgres\", \"ConnectionString\": \"Host=127.0.0.1;Port=$PGPORT;Database=$1;Username=postgres\", \"CatchUpIntervalSeconds\": 5 }"; }
load() { /usr/bin/python3 bench/load/updates_load.py "$1" 25353 example.com. $KEY $SECRET "$2" "$SECONDS_PER_RUN" "$3"; }
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
dotnet_pid() { pgrep -f "dotnet .*$WORK/$1/config.json" | head -1; }
cpu_per_query() { # $1 = name, $2 = address
  local pid; pid=$(dotnet_pid "$1")
  for i in $(seq 0 99); do echo "host$i.example.com A"; done > "$WORK/queries.txt"
  dnsperf -s "$2" -p 25353 -d "$WORK/queries.txt" -c 8 -q 100 -l "$QUERY_SECONDS" -n $((QUERIES / 100)) > /dev/null 2>&1 || true  # warm-up is the first pass
  local t0 q; t0=$(ticks "$pid")
  q=$(taskset -c 0 dnsperf -s "$2" -p 25353 -d "$WORK/queries.txt" -c 8 -q 100 -l "$QUERY_SECONDS" -n $((QUERIES / 100)) 2>/dev/null | awk '/Queries completed/ { print $3 }')
  local t1; t1=$(ticks "$pid")
  echo "$q queries, $(echo "($t1 - $t0) * 10000 / $q" | bc -l | xargs printf '%.2f') us CPU per query"
}

echo "== SQLite, one server"
start sqlite 127.0.0.14 "{ \"Path\": \"$WORK/sqlite/data/splitdns.db\" }"
echo "updates, 1 client:  $(load 127.0.0.14 1 s1)"
echo "updates, 8 clients: $(load 127.0.0.14 8 s8)"
echo "query CPU: $(cpu_per_query sqlite 127.0.0.14)"
stop_all

echo "== PostgreSQL, one replica"
start one 127.0.0.11 "$(pg_store one)"
echo "updates, 1 client:  $(load 127.0.0.11 1 p1)"
echo "updates, 8 clients: $(load 127.0.0.11 8 p8)"
echo "query CPU: $(cpu_per_query one 127.0.0.11)"
stop_all

echo "== PostgreSQL, three replicas on one database"
start r1 127.0.0.11 "$(pg_store three)"; start r2 127.0.0.12 "$(pg_store three)"; start r3 127.0.0.13 "$(pg_store three)"
echo "propagation ($SAMPLES updates through r1, polled on r2 and r3):"
/usr/bin/python3 bench/load/propagation.py 127.0.0.11:25353 127.0.0.12:25353,127.0.0.13:25353 example.com. $KEY $SECRET "$SAMPLES" "$PROPAGATION_SECONDS" | sed 's/^/  /'
curl -s --noproxy '*' --max-time 5 http://127.0.0.12:25380/metrics | grep -E '^splitdns_store_propagation_seconds_(count|sum)' | sed 's/^/  r2 /' || true
echo "updates, 1 client through each replica (3 at once):"
lp=(); for a in 11 12 13; do load 127.0.0.$a 1 t1-$a > "$WORK/t1-$a.txt" & lp+=($!); done; wait "${lp[@]}"
for a in 11 12 13; do echo "  127.0.0.$a: $(cat "$WORK/t1-$a.txt")"; done
cat "$WORK"/t1-1?.txt | awk '{ u += $1; ok += substr($3, 2); e += $5 } END { printf "  sum: %d updates/s (%d ok, %d errors)\n", u, ok, e }'
echo "updates, 3 clients through each replica (9 at once):"
lp=(); for a in 11 12 13; do load 127.0.0.$a 3 t3-$a > "$WORK/t3-$a.txt" & lp+=($!); done; wait "${lp[@]}"
for a in 11 12 13; do echo "  127.0.0.$a: $(cat "$WORK/t3-$a.txt")"; done
cat "$WORK"/t3-1?.txt | awk '{ u += $1; ok += substr($3, 2); e += $5 } END { printf "  sum: %d updates/s (%d ok, %d errors)\n", u, ok, e }'
echo "commit conflicts re-applied (event 5016, all replicas): $(awk '/another writer committed first/ { n++ } END { print n + 0 }' "$WORK"/r?/log.txt)"
s1=$(dig @127.0.0.11 -p 25353 +short example.com SOA | awk '{print $3}'); s2=$(dig @127.0.0.12 -p 25353 +short example.com SOA | awk '{print $3}'); s3=$(dig @127.0.0.13 -p 25353 +short example.com SOA | awk '{print $3}')
grep -h "store commit failed\|SERVFAIL" "$WORK"/r?/log.txt | sed 's/^.*\] //' | cut -c1-160 | sort | uniq -c | sort -rn | head -5 | sed 's/^/  failed: /' || true
echo "serials after the runs: $s1 $s2 $s3"
for a in 11 12 13; do dig @127.0.0.$a -p 25353 -y "hmac-sha256:$KEY:$SECRET" example.com AXFR +noall +answer | grep -v TSIG | md5sum; done | sort -u | wc -l | xargs echo "distinct AXFRs across replicas (1 = identical):"
echo "== uptime after:$(uptime | sed 's/.*up/ up/')"
