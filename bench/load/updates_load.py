#!/usr/bin/python3
"""Durable-update load: N clients, each sending one signed UPDATE (one A record) per fresh TCP
connection, as external-dns does. Prints updates/second. Loopback only."""
import sys, threading, time
import dns.update, dns.query, dns.tsigkeyring, dns.tsig, dns.rcode

server, port, zone, keyname, secret, clients, seconds, tag = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]), float(sys.argv[7]), sys.argv[8]
assert server.startswith("127."), "loopback only"
keyring = dns.tsigkeyring.from_text({keyname: secret})
counts = [0] * clients
errors = [0] * clients
deadline = time.monotonic() + seconds

def run(c):
    i = 0
    while time.monotonic() < deadline and i < 1_000_000:
        u = dns.update.UpdateMessage(zone, keyring=keyring, keyname=keyname, keyalgorithm=dns.tsig.HMAC_SHA256)
        u.add(f"{tag}-c{c}-{i}", 60, "A", f"10.{c}.{i // 256 % 256}.{i % 256}")
        try:
            r = dns.query.tcp(u, server, port=port, timeout=5)
            if r.rcode() == dns.rcode.NOERROR:
                counts[c] += 1
            else:
                errors[c] += 1
        except Exception:
            errors[c] += 1
        i += 1

start = time.monotonic()
threads = [threading.Thread(target=run, args=(c,)) for c in range(clients)]
for t in threads: t.start()
for t in threads: t.join()
elapsed = time.monotonic() - start
print(f"{sum(counts) / elapsed:.0f} updates/s ({sum(counts)} ok, {sum(errors)} errors, {clients} clients, {elapsed:.1f} s)")
