#!/usr/bin/env bash
# Writes the 1M-record zone `big.test.` and its dnsperf query file into directory $1.
# Deterministic (an LCG, no $RANDOM). RECORDS (default 1000000) sets the size; the mix is
# 85% A, 5% AAAA (on names that also have an A), 5% CNAME (to A names), 3% TXT, 2% MX, plus SOA
# and NS. Owner names are random-looking hex labels; one name in ten sits one label deeper
# under one of 100 "zN" parents (empty non-terminals). Queries: QUERIES lines (default 100000),
# 90% existing names (A, AAAA, CNAME names asked for A, TXT, MX) in random order, 10% NXDOMAIN.
set -euo pipefail
out="$1"
RECORDS=${RECORDS:-1000000}
QUERIES=${QUERIES:-100000}
mkdir -p "$out"
awk -v n="$RECORDS" -v q="$QUERIES" -v zone="$out/big.test.zone" -v queries="$out/big.queries.txt" '
function name(i,   h) {
  h = (i * 2654435761 + 40503) % 4294967296
  return (i % 10 == 9) ? sprintf("%08x%d.z%d", h, i, i % 100) : sprintf("%08x%d", h, i)
}
BEGIN {
  na = int(n * 0.85); naaaa = int(n * 0.05); ncname = int(n * 0.05); ntxt = int(n * 0.03)
  nmx = n - na - naaaa - ncname - ntxt
  print "$ORIGIN big.test." > zone
  print "$TTL 300" > zone
  print "@ SOA ns1 hostmaster 1 3600 900 604800 60" > zone
  print "@ NS ns1" > zone
  print "ns1 A 127.0.0.1" > zone
  for (i = 0; i < na; i++) printf "%s A 10.%d.%d.%d\n", name(i), int(i / 65536) % 256, int(i / 256) % 256, i % 256 > zone
  for (i = 0; i < naaaa; i++) printf "%s AAAA 2001:db8::%x:%x\n", name(i * 17 % na), int(i / 65536), i % 65536 > zone
  for (i = 0; i < ncname; i++) printf "c%s CNAME %s\n", name(i), name(i * 13 % na) > zone
  for (i = 0; i < ntxt; i++) printf "t%s TXT \"v=spf1 ip4:10.%d.%d.0/24 -all\" \"id %d\"\n", name(i), int(i / 256) % 256, i % 256, i > zone
  for (i = 0; i < nmx; i++) printf "m%s MX %d %s\n", name(i), 10 + i % 20, name(i * 7 % na) > zone
  close(zone)
  seed = 12345
  for (k = 0; k < q; k++) {
    seed = (seed * 1103515245 + 12345) % 2147483648
    r = seed % 100; j = int(seed / 100)
    if (r < 70) printf "%s.big.test A\n", name(j % na) > queries
    else if (r < 75) printf "%s.big.test AAAA\n", name((j % naaaa) * 17 % na) > queries
    else if (r < 82) printf "c%s.big.test A\n", name(j % ncname) > queries
    else if (r < 86) printf "t%s.big.test TXT\n", name(j % ntxt) > queries
    else if (r < 90) printf "m%s.big.test MX\n", name(j % nmx) > queries
    else printf "missing%d.big.test A\n", j > queries
  }
}'
echo "$out/big.test.zone"
