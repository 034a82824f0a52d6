#!/usr/bin/python3
"""SIGKILL during updates: the driver behind bench/chaos/sigkill-updates.sh.

Starts the built server (splitdns.dll under dotnet) on a loopback address with the store the
config names, streams TSIG-signed RFC 2136 UPDATEs at it from several writer threads (one
UPDATE per fresh TCP connection, as external-dns sends them), records every UPDATE answered
NOERROR (acknowledged), SIGKILLs the server at a random moment, restarts it on the same store,
and checks with a signed AXFR that every acknowledged update is there. Repeats for --cycles
cycles or until --max-seconds pass, prints the totals and exits 1 when anything acknowledged
was lost (or the server failed to come back).

Loopback only; every loop is bounded in count and time.
"""
import argparse
import os
import random
import signal
import subprocess
import sys
import threading
import time

import dns.message
import dns.query
import dns.rcode
import dns.rdatatype
import dns.tsigkeyring
import dns.update
import dns.zone

KEY = "externaldns"
SECRET = "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0MTI="
KEYRING = dns.tsigkeyring.from_text({KEY: SECRET})
ALGORITHM = "hmac-sha256"


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--dll", required=True, help="path to splitdns.dll")
    p.add_argument("--work", required=True, help="folder for zone, config, log (and the SQLite file)")
    p.add_argument("--address", default="127.0.0.1")
    p.add_argument("--port", type=int, default=25363)
    p.add_argument("--store", default="", help='the Store section as JSON (default: a SQLite file in --work)')
    p.add_argument("--cycles", type=int, default=100)
    p.add_argument("--writers", type=int, default=4)
    p.add_argument("--max-seconds", type=float, default=1200)
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--start-timeout", type=float, default=180, help="seconds a (re)start may take (a loaded machine is slow)")
    return p.parse_args()


class Server:
    def __init__(self, args):
        self.args = args
        self.proc = None
        self.log = open(os.path.join(args.work, "server.log"), "ab")
        zones = os.path.join(args.work, "zones")
        os.makedirs(zones, exist_ok=True)
        with open(os.path.join(zones, "example.com.zone"), "w") as f:
            f.write("$ORIGIN example.com.\n$TTL 300\n"
                    "@ IN SOA ns1 hostmaster 1 7200 900 1209600 300\n@ IN NS ns1\nns1 IN A 127.0.0.1\n")
        store = args.store or '{ "Path": "%s/data/splitdns.db" }' % args.work
        self.config = os.path.join(args.work, "config.json")
        with open(self.config, "w") as f:
            f.write("""{ "SplitDns": { "Domain": "example.com", "ZoneDirectory": "%s",
  "Zones": [ { "File": "example.com.zone", "Updates": [ { "Preset": "external-dns", "Key": "%s" } ],
               "Transfer": { "Keys": ["%s"], "Networks": ["127.0.0.0/8"] } } ],
  "Listen": { "Dns": "%s:%d", "Http": "%s:%d" }, "WatchZoneFiles": false,
  "Store": %s,
  "Forwarders": { "Upstream": "", "Conditional": { "lan": "127.0.0.1:9" } },
  "Tsig": { "Keys": [ { "Name": "%s", "Algorithm": "%s", "Secret": "%s" } ] },
  "Logging": { "LogLevel": { "Default": "Warning" } } } }
""" % (zones, KEY, KEY, args.address, args.port, args.address, args.port + 1, store, KEY, ALGORITHM, SECRET))

    def start(self):
        timeout = self.args.start_timeout
        self.proc = subprocess.Popen(
            ["dotnet", self.args.dll, "--config", self.config, "--SplitDns:Blocking:Lists:stevenblack="],
            stdout=self.log, stderr=subprocess.STDOUT, cwd=self.args.work)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("server exited with %d (see %s/server.log)" % (self.proc.returncode, self.args.work))
            try:
                q = dns.message.make_query("example.com.", "SOA")
                dns.query.tcp(q, self.args.address, port=self.args.port, timeout=1)
                return
            except Exception:
                time.sleep(0.1)
        raise RuntimeError("server did not answer within %d s" % timeout)

    def kill(self):
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def writer(args, tag, acked, sent, lock, stop):
    """One signed UPDATE per connection until the server goes away or stop is set (bounded)."""
    for i in range(100_000):
        if stop.is_set():
            return
        name = "c%s-%d" % (tag, i)
        u = dns.update.UpdateMessage("example.com.", keyring=KEYRING, keyname=KEY, keyalgorithm=ALGORITHM)
        u.add(name, 60, "A", "192.0.2.%d" % (i % 250 + 1))
        with lock:
            sent.append(name)
        try:
            r = dns.query.tcp(u, args.address, port=args.port, timeout=5)
        except Exception:
            return  # killed mid-exchange: neither acknowledged nor known to be lost
        if r.rcode() != dns.rcode.NOERROR:
            print("unexpected rcode %s for %s" % (dns.rcode.to_text(r.rcode()), name), file=sys.stderr)
            return
        with lock:
            acked.append(name)


def zone_names(args):
    xfr = dns.query.xfr(args.address, "example.com.", port=args.port, keyring=KEYRING, keyname=KEY,
                        keyalgorithm=ALGORITHM, lifetime=60)
    z = dns.zone.from_xfr(xfr, relativize=True)
    return {n.to_text() for n in z.nodes.keys()}, z.get_rdataset("@", "SOA")[0].serial


def main():
    args = parse_args()
    rng = random.Random(args.seed)
    server = Server(args)
    started = time.monotonic()
    server.start()
    all_acked, in_doubt = [], 0
    in_doubt_present = 0
    cycles, lost, last_serial = 0, [], 0
    bound_hit = False
    try:
        for cycle in range(args.cycles):
            if time.monotonic() - started > args.max_seconds:
                bound_hit = True
                break
            acked, sent, lock, stop = [], [], threading.Lock(), threading.Event()
            threads = [threading.Thread(target=writer, args=(args, "%d-%d" % (cycle, w), acked, sent, lock, stop), daemon=True)
                       for w in range(args.writers)]
            for t in threads:
                t.start()
            # A random moment: after a random number of acknowledgements (so the kill lands in a
            # busy stream), plus a random sub-commit delay.
            target = rng.randint(1, 60)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                with lock:
                    if len(acked) >= target:
                        break
                if not any(t.is_alive() for t in threads):
                    break
                time.sleep(0.002)
            time.sleep(rng.uniform(0, 0.05))
            server.kill()
            stop.set()
            for t in threads:
                t.join(10)
            with lock:
                acked_now, sent_now = list(acked), list(sent)
            if not acked_now:
                print("cycle %d: nothing acknowledged before the kill (see %s/server.log)" % (cycle, args.work), file=sys.stderr)
            all_acked.extend(acked_now)
            server.start()
            names, serial = zone_names(args)
            missing = [n for n in all_acked if n not in names]
            lost.extend(n for n in missing if n not in lost)
            doubtful = set(sent_now) - set(acked_now)
            in_doubt += len(doubtful)
            in_doubt_present += len(doubtful & names)
            if (serial - last_serial) % (1 << 32) >= (1 << 31):
                print("cycle %d: serial went back from %d to %d" % (cycle, last_serial, serial), file=sys.stderr)
                lost.append("serial")
            last_serial = serial
            cycles += 1
            if missing:
                print("cycle %d: LOST %d acknowledged updates: %s" % (cycle, len(missing), missing[:5]), file=sys.stderr)
    finally:
        server.kill()
    elapsed = time.monotonic() - started
    print("cycles: %d%s" % (cycles, " (stopped by the %d s bound)" % args.max_seconds if bound_hit else ""))
    print("acknowledged updates: %d" % len(all_acked))
    print("in flight at a kill (no answer): %d, of which present after restart: %d" % (in_doubt, in_doubt_present))
    print("lost: %d" % len(lost))
    print("final serial: %d" % last_serial)
    print("time: %.1f s" % elapsed)
    return 1 if lost or cycles == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
