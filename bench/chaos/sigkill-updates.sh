#!/usr/bin/env bash
# SIGKILL during updates: CYCLES times (default 100), stream TSIG-signed RFC 2136 UPDATEs at the
# built server, SIGKILL it at a random moment, restart it on the same store and check that every
# UPDATE answered NOERROR is in the zone (signed AXFR). Prints cycles, acknowledged updates,
# lost (must be 0) and time; exits 1 when anything acknowledged was lost.
#
#   bench/chaos/sigkill-updates.sh                 # SQLite store (the default)
#   STORE=postgres bench/chaos/sigkill-updates.sh  # a throwaway PostgreSQL cluster on 127.0.0.1
#   CYCLES=10 WRITERS=8 MAX_SECONDS=300 SEED=1 bench/chaos/sigkill-updates.sh
#
# Loopback only. Needs dotnet; installs what else it needs from Debian's packages when missing
# (/usr/bin/python3 with dnspython; PostgreSQL's server for STORE=postgres).
set -euo pipefail
cd "$(dirname "$0")/../.."

STORE=${STORE:-sqlite}
CYCLES=${CYCLES:-100}
WRITERS=${WRITERS:-4}
MAX_SECONDS=${MAX_SECONDS:-1200}
ADDRESS=${ADDRESS:-127.0.0.1}
PORT=${PORT:-25363}

need=()
/usr/bin/python3 -c 'import dns.update' 2>/dev/null || need+=(python3-dnspython)
if [ "$STORE" = postgres ]; then compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql); fi
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "sigkill-updates.sh: installing ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

WORK=$(mktemp -d /tmp/splitdns-chaos-XXXXXX)
PG_BIN=; PG_DATA=
cleanup() {
  if [ -n "$PG_DATA" ]; then pg_run "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1 || true; fi
  if [ -z "${KEEP:-}" ]; then rm -rf "$WORK"; else echo "kept $WORK"; fi
}
trap cleanup EXIT
# initdb and pg_ctl refuse to run as root: as root, run them as Debian's postgres user.
pg_run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

echo "== building"
dotnet build src/DnsServer -c Release -nologo -v quiet >/dev/null
DLL=$PWD/src/DnsServer/bin/Release/net10.0/splitdns.dll

store_json=""
if [ "$STORE" = postgres ]; then
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PG_DATA=$WORK/pg
  PG_PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  [ "$(id -u)" = 0 ] && chown postgres: "$WORK"
  pg_run "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust --no-instructions -E UTF8 --locale=C >/dev/null
  # fsync stays on: the server, not PostgreSQL, is what gets killed, but nothing here is faked.
  printf "listen_addresses = '127.0.0.1'\nport = %s\nunix_socket_directories = '%s'\n" "$PG_PORT" "$WORK" >> "$PG_DATA/postgresql.conf"
  pg_run "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$WORK/pg.log" -w -t 60 start >/dev/null
  pg_run "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc 'CREATE DATABASE splitdns' >/dev/null
  store_json="{ \"Provider\": \"Postgres\", \"ConnectionString\": \"Host=127.0.0.1;Port=$PG_PORT;Database=splitdns;Username=postgres\" }"
fi

echo "== $CYCLES cycles, $WRITERS writers, store $STORE, bound ${MAX_SECONDS} s ($(date -u +%FT%TZ), $(git rev-parse --short HEAD))"
args=(--dll "$DLL" --work "$WORK" --address "$ADDRESS" --port "$PORT" --cycles "$CYCLES" --writers "$WRITERS" --max-seconds "$MAX_SECONDS")
[ -n "$store_json" ] && args+=(--store "$store_json")
[ -n "${SEED:-}" ] && args+=(--seed "$SEED")
/usr/bin/python3 bench/chaos/sigkill_updates.py "${args[@]}"
