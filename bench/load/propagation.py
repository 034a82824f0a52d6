#!/usr/bin/python3
"""Propagation delay between replicas sharing one PostgreSQL store: a signed UPDATE to replica A
over TCP; as soon as it is acknowledged, replicas B.. are polled over UDP until they answer the
new name. Prints p50/p99/max of ack -> first positive answer per replica. Loopback only.
Arguments: writer others zone key secret samples [seconds: bound on the whole run, default 30]."""
import sys, time, socket
import dns.update, dns.query, dns.tsigkeyring, dns.tsig, dns.rcode, dns.message, dns.rdatatype

writer, others, zone, keyname, secret, samples = sys.argv[1], sys.argv[2].split(","), sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6])
run_deadline = time.monotonic() + (float(sys.argv[7]) if len(sys.argv) > 7 else 30.0)
for a in [writer] + others:
    assert a.split(":")[0].startswith("127."), "loopback only"
keyring = dns.tsigkeyring.from_text({keyname: secret})
w_addr, w_port = writer.split(":")
targets = [(o.split(":")[0], int(o.split(":")[1])) for o in others]
delays = {t: [] for t in targets}
missed = 0
for i in range(samples):
    if time.monotonic() > run_deadline:
        print(f"stopped after {i} samples: the run's time bound passed")
        break
    name = f"prop{int(time.time())}-{i}"
    u = dns.update.UpdateMessage(zone, keyring=keyring, keyname=keyname, keyalgorithm=dns.tsig.HMAC_SHA256)
    u.add(name, 60, "A", f"10.9.{i // 256 % 256}.{i % 256}")
    r = dns.query.tcp(u, w_addr, port=int(w_port), timeout=5)
    acked = time.monotonic()
    assert r.rcode() == dns.rcode.NOERROR, dns.rcode.to_text(r.rcode())
    q = dns.message.make_query(f"{name}.{zone}", dns.rdatatype.A)
    for t in targets:
        deadline = acked + 2.0
        while True:
            try:
                a = dns.query.udp(q, t[0], port=t[1], timeout=0.5)
                if a.answer:
                    delays[t].append(time.monotonic() - acked)
                    break
            except Exception:
                pass
            if time.monotonic() > deadline:
                missed += 1
                break

def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))] if xs else float("nan")

for t, xs in delays.items():
    print(f"{t[0]}: {len(xs)} samples, p50 {pct(xs, 0.5) * 1000:.2f} ms, p99 {pct(xs, 0.99) * 1000:.2f} ms, max {(max(xs) if xs else float('nan')) * 1000:.2f} ms")
print(f"missed (not visible within 2 s): {missed}")
