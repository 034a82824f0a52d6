#!/usr/bin/env bash
# Writes the load-test zone (about 1,000 names, a wildcard, CNAMEs) and the dnsperf query file
# (10% of queries for names outside the zone) into directory $1. Deterministic.
set -euo pipefail
out="$1"
mkdir -p "$out"
zone="$out/bench.test.zone"
{
  echo '$ORIGIN bench.test.'
  echo '$TTL 300'
  echo '@ SOA ns1 hostmaster 1 3600 900 604800 60'
  echo '@ NS ns1'
  echo 'ns1 A 127.0.0.1'
  for i in $(seq 0 899); do echo "host$i A 10.0.$((i / 250)).$((i % 250 + 1))"; done
  for i in $(seq 0 99); do echo "alias$i CNAME host$((i * 7 % 900))"; done
  echo '*.wild A 192.0.2.58'
  echo 'mail MX 10 host1'
} > "$zone"

queries="$out/queries.txt"
: > "$queries"
# 10,000 lines: 60% host A, 15% CNAME, 10% wildcard, 5% NXDOMAIN/NODATA, 10% outside the zone.
for i in $(seq 0 9999); do
  case $((i % 20)) in
    0|1|2|3|4|5|6|7|8|9|10|11) echo "host$((i * 13 % 900)).bench.test A" ;;
    12|13|14) echo "alias$((i % 100)).bench.test A" ;;
    15|16) echo "n$i.wild.bench.test A" ;;
    17) echo "missing$i.bench.test A" ;;
    18|19) echo "www$i.example.org A" ;;
  esac
done >> "$queries"
echo "$zone"
