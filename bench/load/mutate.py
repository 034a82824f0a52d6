#!/usr/bin/python3
"""Mutation run against a live SplitDns: mutated packets over UDP and TCP, bounded in count and time.

  mutate.py --server 127.0.0.77 --port 25377 --count 1000000 --seconds 900 [--tcp-share 0.1] [--pid PID]

Seeds: real queries (A, AAAA, MX, TXT, SOA, ANY, AXFR, with EDNS, DO, ECS, cookies) and UPDATEs for
--zone. Mutations: bit flips, byte overwrites with edge values, truncation, count-field lies,
RDLENGTH/label-length lies, compression-pointer loops, random OPT options, junk tails, splices.
Over TCP (a --tcp-share of the packets): several frames per connection, some with a lying length
prefix (0, below the header, beyond the frame), some written in small pieces.

Checks, printed as JSON on the last line (exit 1 when one fails):
  - alive: the server process (--pid) still exists at the end (and the control query answers);
  - control: a valid query sent every 0.2 s from its own socket is answered; "stalls" counts gaps
    of more than 5 s without a control answer; "control_missed" counts unanswered control queries;
  - amplification: every UDP reply to a packet that is not a valid query (QR=0, opcode QUERY,
    QDCOUNT=1 and a question that parses) is no larger than the packet,
    and every FORMERR/NOTIMP reply (whatever the packet) is no larger than the packet. A valid
    query may get a reply larger than itself: an answer, a referral, a negative answer with the
    SOA, or a REFUSED/NOTAUTH carrying an RFC 8914 Extended DNS Error; that is an answer to a
    question, which rate limiting (not this check) bounds.
"""
import argparse, json, os, random, select, socket, struct, sys, threading, time

import dns.flags, dns.message, dns.name, dns.opcode, dns.rcode, dns.update, dns.edns, dns.exception

ap = argparse.ArgumentParser()
ap.add_argument("--server", default="127.0.0.77")
ap.add_argument("--port", type=int, default=25377)
ap.add_argument("--count", type=int, default=1_000_000)
ap.add_argument("--seconds", type=float, default=900)
ap.add_argument("--tcp-share", type=float, default=0.1)
ap.add_argument("--zone", default="example.com")
ap.add_argument("--control", default="example.com", help="name whose SOA the control query asks")
ap.add_argument("--pid", type=int, default=0)
ap.add_argument("--seed", type=int, default=12)
ap.add_argument("--window", type=int, default=64, help="UDP packets in flight")
args = ap.parse_args()
rng = random.Random(args.seed)
addr = (args.server, args.port)
Z = args.zone

def seeds():
    out = []
    for name, t in [(f"www.{Z}", "A"), (f"www.{Z}", "AAAA"), (Z, "MX"), (Z, "TXT"), (Z, "SOA"), (Z, "ANY"),
                    (f"nothere.{Z}", "A"), ("other.invalid", "A"), (Z, "AXFR"), (Z, "NS")]:
        out.append(dns.message.make_query(name, t).to_wire())
        out.append(dns.message.make_query(name, t, use_edns=0, payload=4096, want_dnssec=True).to_wire())
    out.append(dns.message.make_query(Z, "A", use_edns=0, options=[dns.edns.ECSOption("192.0.2.0", 24)]).to_wire())
    out.append(dns.message.make_query(Z, "A", use_edns=0, options=[dns.edns.GenericOption(10, bytes(8))]).to_wire())
    out.append(dns.message.make_query(Z, "A", use_edns=1).to_wire())
    for build in (lambda u: u.add("m", 300, "A", "192.0.2.1"), lambda u: u.delete("www"),
                  lambda u: (u.present("www"), u.replace("www", 60, "TXT", "x"))):
        u = dns.update.UpdateMessage(Z)
        build(u)
        out.append(u.to_wire())
    n = dns.message.make_query(Z, "SOA")
    n.set_opcode(dns.opcode.NOTIFY)
    out.append(n.to_wire())
    return out

SEEDS = seeds()
EDGE = [0x00, 0x01, 0x3f, 0x40, 0x7f, 0x80, 0xc0, 0xc0, 0xff]

def opt_rr(options):
    rdata = b"".join(struct.pack("!HH", c, len(d) if lie is None else lie) + d for c, d, lie in options)
    return b"\x00" + struct.pack("!HHIH", 41, rng.choice([512, 1232, 4096, 65535, 0]), rng.getrandbits(32) & 0xff00ffff, len(rdata)) + rdata

def mutate(p):
    b = bytearray(p)
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        m = rng.randrange(11)
        if m == 0 and b:                       # bit flips
            for _ in range(rng.randint(1, 8)):
                i = rng.randrange(len(b)); b[i] ^= 1 << rng.randrange(8)
        elif m == 1 and b:                     # edge bytes
            b[rng.randrange(len(b))] = rng.choice(EDGE)
        elif m == 2 and len(b) > 1:            # truncation
            del b[rng.randrange(1, len(b)):]
        elif m == 3 and len(b) >= 12:          # count-field lies
            o = rng.choice([4, 6, 8, 10]); b[o:o + 2] = struct.pack("!H", rng.choice([0, 1, 2, 255, 0x7fff, 0xffff]))
        elif m == 4 and len(b) > 14:           # length-field lies (label or RDLENGTH-ish positions)
            i = rng.randrange(12, len(b) - 1)
            b[i:i + 2] = struct.pack("!H", rng.choice([0, 63, 64, 255, 0x3fff, 0xffff]))
        elif m == 5 and len(b) >= 14:          # pointer loops: to itself, to a pointer back, past the end
            i = rng.randrange(12, len(b) - 1)
            target = rng.choice([i, 12, i - 2 if i > 13 else 12, len(b) + 5, 0x3fff])
            b[i:i + 2] = struct.pack("!H", 0xc000 | (target & 0x3fff))
        elif m == 6 and len(b) >= 12:          # random OPT options, sometimes lying about their length
            opts = [(rng.choice([3, 5, 8, 9, 10, 11, 12, 15, rng.randrange(65536)]),
                     bytes(rng.getrandbits(8) for _ in range(rng.choice([0, 1, 2, 4, 8, 16, 40]))),
                     rng.choice([None, None, 0, 0xffff, rng.randrange(64)])) for _ in range(rng.randint(1, 4))]
            b += opt_rr(opts)
            ar = struct.unpack("!H", b[10:12])[0]; b[10:12] = struct.pack("!H", (ar + 1) & 0xffff)
        elif m == 7:                           # junk tail
            b += bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 64)))
        elif m == 8:                           # splice with another seed
            o = rng.choice(SEEDS); c = rng.randrange(len(b) + 1); b = b[:c] + o[rng.randrange(len(o)):]
        elif m == 9 and len(b) >= 4:           # header flags and opcode
            b[2] = rng.getrandbits(8) & 0x7f; b[3] = rng.getrandbits(8)
        elif m == 10 and len(b) > 12:          # duplicate a slice (repeated records/labels)
            i = rng.randrange(12, len(b)); j = rng.randrange(i, min(len(b), i + 40) + 1); b[j:j] = b[i:j] * rng.randint(1, 4)
    if len(b) > 2:
        b[2] &= 0x7f                           # a response is dropped by design: keep most packets queries
    return bytes(b[:65535])

def is_valid_query(p):
    """A query the server may answer: QR=0, opcode QUERY, one question that parses (name, type,
    class). The other sections may hold what a responder ignores (RFC 6891 §6.1.2: unknown EDNS
    options), so they are not judged here: the reply's rcode is (FORMERR/NOTIMP never grow)."""
    if len(p) < 12 or p[2] & 0x80 or (p[2] >> 3) & 0xf != 0 or struct.unpack("!H", p[4:6])[0] != 1:
        return False
    try:
        _, used = dns.name.from_wire(p, 12)
    except Exception:
        return False
    return 12 + used + 4 <= len(p)

stats = dict(sent_udp=0, sent_tcp=0, udp_replies=0, tcp_replies=0, larger_valid=0, violations=0,
             control_ok=0, control_missed=0, stalls=0, max_control_gap_s=0.0, tcp_errors=0)
examples = []
by_kind = {}                                    # violations by "opcode/rcode" of the packet and reply
stop = threading.Event()

def control():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(2.0)
    last_ok = time.monotonic(); qid = 0; stalled = False
    while not stop.is_set():
        qid = (qid + 1) & 0xffff
        q = dns.message.make_query(args.control, "SOA"); q.id = qid
        try:
            s.sendto(q.to_wire(), addr)
            while True:
                data, _ = s.recvfrom(65535)
                if data[:2] == struct.pack("!H", qid):
                    break
            stats["control_ok"] += 1; now = time.monotonic()
            stats["max_control_gap_s"] = round(max(stats["max_control_gap_s"], now - last_ok), 3)
            last_ok = now; stalled = False
        except (socket.timeout, OSError):
            stats["control_missed"] += 1
            if not stalled and time.monotonic() - last_ok > 5:
                stats["stalls"] += 1; stalled = True
        stop.wait(0.2)

def check_udp(packet, reply):
    stats["udp_replies"] += 1
    if len(reply) <= len(packet):
        return
    rcode = reply[3] & 0xf if len(reply) >= 4 else 0
    if rcode not in (1, 4) and is_valid_query(packet):      # FORMERR and NOTIMP never grow
        stats["larger_valid"] += 1
        return
    stats["violations"] += 1
    key = "%s/%s" % (dns.opcode.to_text((packet[2] >> 3) & 0xf) if len(packet) > 2 else "?", dns.rcode.to_text(rcode))
    by_kind[key] = by_kind.get(key, 0) + 1
    if len(examples) < 10:
        examples.append(dict(query=packet.hex(), reply=reply.hex(), query_len=len(packet), reply_len=len(reply)))

def tcp_batch(packets):
    try:
        s = socket.create_connection(addr, timeout=2.0)
    except OSError:
        stats["tcp_errors"] += 1; return
    try:
        for p in packets:
            kind = rng.randrange(10)
            n = len(p)
            prefix = struct.pack("!H", n)
            if kind == 0: prefix = struct.pack("!H", rng.choice([0, 1, 11, n + 1, n + 100, 0xffff]))
            frame = prefix + p
            if kind in (1, 2):                  # split writes: 1-byte prefix halves, small pieces
                for i in range(0, len(frame), rng.choice([1, 2, 7])):
                    s.sendall(frame[i:i + 7])
            else:
                s.sendall(frame)
            stats["sent_tcp"] += 1
            if kind == 0:
                break                           # the stream is out of step now: the server may close it
        s.shutdown(socket.SHUT_WR)
        while True:                             # drain what comes back, bounded by the timeout
            d = s.recv(65536)
            if not d: break
            stats["tcp_replies"] += 1
    except (socket.timeout, OSError):
        stats["tcp_errors"] += 1
    finally:
        s.close()

def main():
    ctl = threading.Thread(target=control, daemon=True); ctl.start()
    socks = [socket.socket(socket.AF_INET, socket.SOCK_DGRAM) for _ in range(args.window)]
    for s in socks: s.setblocking(False)
    pending = {}                                # socket -> (packet, deadline)
    free = list(socks)
    deadline = time.monotonic() + args.seconds
    start = time.monotonic()
    total = 0
    while total < args.count and time.monotonic() < deadline:
        if stats["sent_tcp"] < args.tcp_share * total:   # keep TCP at its share of the packets sent
            batch = [mutate(rng.choice(SEEDS)) for _ in range(rng.randint(1, min(15, args.count - total)))]   # never past --count
            before = stats["sent_tcp"]; tcp_batch(batch); total += max(1, stats["sent_tcp"] - before)
            continue
        while free and total < args.count:
            s = free.pop(); p = mutate(rng.choice(SEEDS))
            try:
                s.sendto(p, addr)
                stats["sent_udp"] += 1; total += 1
                pending[s] = (p, time.monotonic() + 0.25)
            except OSError:
                free.append(s); break
        r, _, _ = select.select(list(pending), [], [], 0.02)
        for s in r:
            try:
                data = s.recv(65535)
            except OSError:
                continue
            p, _ = pending.pop(s); check_udp(p, data); free.append(s)
        now = time.monotonic()
        for s, (p, dl) in list(pending.items()):
            if dl < now:                        # dropped (no answer is fine); a fresh socket avoids a late reply
                pending.pop(s); s.close(); ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); ns.setblocking(False)
                free.append(ns)
    elapsed = time.monotonic() - start
    time.sleep(0.5)
    stop.set(); ctl.join(5)
    alive = True
    if args.pid:
        try: os.kill(args.pid, 0)
        except OSError: alive = False
    # A last control query after the run: the server must still answer.
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(3)
    try:
        s.sendto(dns.message.make_query(args.control, "SOA").to_wire(), addr); s.recvfrom(65535); final_ok = True
    except OSError:
        final_ok = False
    result = dict(stats, packets=total, seconds=round(elapsed, 1), rate=int(total / elapsed) if elapsed else 0,
                  alive=alive and final_ok, violations_by_kind=by_kind, examples=examples)
    ok = result["alive"] and stats["violations"] == 0 and stats["stalls"] == 0 and stats["control_ok"] > 0
    for e in examples:
        print("violation: %d-byte reply to %d-byte packet: query %s reply %s" % (e["reply_len"], e["query_len"], e["query"], e["reply"]), file=sys.stderr)
    print(json.dumps(result))
    sys.exit(0 if ok else 1)

main()
