#!/usr/bin/python3
"""Writes the seed corpus under fuzz/corpus/<target>/ (run once; the files are kept in the repo)."""
import os, dns.message, dns.update, dns.rrset, dns.edns, dns.flags, dns.rcode, dns.tsigkeyring, dns.name

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")

def put(target, name, data):
    d = os.path.join(root, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())

queries = {
    "q-a": dns.message.make_query("www.example.com", "A"),
    "q-aaaa-edns": dns.message.make_query("www.example.com", "AAAA", use_edns=0, payload=1232),
    "q-mx-do": dns.message.make_query("example.com", "MX", want_dnssec=True),
    "q-ecs": dns.message.make_query("www.example.com", "A", use_edns=0,
                                    options=[dns.edns.ECSOption("192.0.2.0", 24)]),
    "q-cookie": dns.message.make_query("example.com", "SOA", use_edns=0,
                                       options=[dns.edns.GenericOption(10, bytes(range(8)))]),
    "q-axfr": dns.message.make_query("example.com", "AXFR"),
    "q-any": dns.message.make_query("example.com", "ANY"),
}
for n, m in queries.items():
    put("message", n, m.to_wire())
    put("query", n, m.to_wire())

r = dns.message.make_response(queries["q-a"])
r.answer.append(dns.rrset.from_text("www.example.com.", 300, "IN", "CNAME", "web.example.com."))
r.answer.append(dns.rrset.from_text("web.example.com.", 300, "IN", "A", "192.0.2.1", "192.0.2.2"))
r.authority.append(dns.rrset.from_text("example.com.", 300, "IN", "NS", "ns1.example.com."))
r.additional.append(dns.rrset.from_text("ns1.example.com.", 300, "IN", "A", "192.0.2.53"))
put("message", "r-compressed", r.to_wire())
r2 = dns.message.make_response(queries["q-mx-do"])
for t, v in [("MX", "10 mail.example.com."), ("TXT", '"v=spf1 -all" "two"'), ("SRV", "0 5 5060 sip.example.com."),
             ("CAA", '0 issue "ca.example"'), ("SSHFP", "1 1 " + "ab" * 20), ("TLSA", "3 1 1 " + "cd" * 32),
             ("SVCB", '1 svc.example.com. alpn="h2,h3" port=443 ipv4hint=192.0.2.1'),
             ("HTTPS", '1 . alpn="h2" ech=AAA='),
             ("NAPTR", '100 10 "u" "E2U+sip" "!^.*$!sip:x@example.com!" .'),
             ("DS", "12345 13 2 " + "ef" * 32), ("DNSKEY", "257 3 13 " + "AAAA" * 16),
             ("NSEC", "a.example.com. A MX RRSIG NSEC"), ("NSEC3PARAM", "1 0 0 -"),
             ("NSEC3", "1 1 0 - 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR A RRSIG"),
             ("RRSIG", "A 13 3 300 20260101000000 20250101000000 12345 example.com. " + "AAAA" * 16),
             ("HINFO", '"cpu" "os"'), ("SOA", "ns1.example.com. host.example.com. 1 3600 600 86400 300"),
             ("AAAA", "2001:db8::1"), ("PTR", "host.example.com."), ("DNAME", "other.example.")]:
    r2.answer.append(dns.rrset.from_text("example.com.", 300, "IN", t, v))
r2.use_edns(0, dns.flags.DO, 1232)
put("message", "r-many-types", r2.to_wire())
keyring = dns.tsigkeyring.from_text({"key.example.": "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0"})
signed = dns.message.make_query("example.com", "SOA")
signed.use_tsig(keyring, keyname="key.example.")
put("message", "q-tsig", signed.to_wire())
put("query", "q-tsig", signed.to_wire())

def update(name, build, id_):
    u = dns.update.UpdateMessage("example.com")
    build(u)
    u.id = id_
    put("update", name, u.to_wire())
    put("message", "u-" + name, u.to_wire())

update("add", lambda u: u.add("new", 300, "A", "192.0.2.9"), 2)
update("add-narrow", lambda u: u.add("new", 300, "TXT", "hello"), 3)
update("replace", lambda u: u.replace("www", 60, "A", "192.0.2.10"), 4)
update("delete-rrset", lambda u: u.delete("www", "AAAA"), 6)
update("delete-name", lambda u: u.delete("mail"), 8)
update("delete-one", lambda u: u.delete("ns1", "A", "192.0.2.1"), 10)
update("delete-apex-ns", lambda u: (u.delete("@", "NS", "ns1.example.com."), u.delete("@", "NS", "ns2.example.com.")), 12)
def prereqs(u):
    u.present("www")
    u.present("www", "A")
    u.absent("nothere")
    u.absent("www", "TXT")
    u.present("www", "A", "192.0.2.4")
    u.add("cname", 300, "CNAME", "www")
update("prereqs", prereqs, 14)
update("cname-conflict", lambda u: u.add("www", 300, "CNAME", "alias"), 16)
update("soa", lambda u: u.replace("@", 300, "SOA", "ns1 hostmaster 2024010199 3600 600 86400 300"), 18)
update("external-dns", lambda u: (u.add("app", 300, "A", "192.0.2.20"),
        u.add("app", 300, "TXT", '"heritage=external-dns,external-dns/owner=default"'), u.delete("txt", "TXT")), 20)

put("zonefile", "basic.zone", """$ORIGIN example.com.
$TTL 3600
@   IN SOA ns1 hostmaster ( 2024010101 ; serial
        3600 600 86400 300 )
    IN NS ns1
    IN MX 10 mail
ns1 IN A 192.0.2.1
www 300 IN AAAA 2001:db8::1
txt IN TXT "quoted \\"text\\"" unquoted \\065\\066
srv._tcp IN SRV 0 5 80 www
*.wild IN CNAME www
""")
put("zonefile", "types.zone", """$TTL 1h
@ SOA ns hm 1 1h 10m 1w 5m
caa CAA 0 issue "ca.example; policy=ev"
sshfp SSHFP 1 1 abababababababababababababababababababab
tlsa TLSA 3 1 1 cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd
svc SVCB 1 . alpn="h2,h3" port=443 ipv4hint=192.0.2.1,192.0.2.2 ipv6hint=2001:db8::1 mandatory=alpn
https HTTPS 0 svc
naptr NAPTR 100 10 "u" "E2U+sip" "!^.*$!sip:x@example.com!" .
ds DS 12345 13 2 efefefefefefefefefefefefefefefefefefefefefefefefefefefefefefefef
key DNSKEY 257 3 13 AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
nsec NSEC a.example.com. A MX RRSIG NSEC TYPE65534
n3 NSEC3 1 1 10 aabb 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR A RRSIG
n3p NSEC3PARAM 1 0 0 -
sig RRSIG A 13 3 300 20260101000000 20250101000000 12345 example.com. AAAAAAAA
hinfo HINFO "cpu" "os"
dname DNAME other.example.
gen TYPE999 \\# 3 abcdef
$GENERATE 1-3 host$ A 192.0.2.$
""")
put("zonefile", "bad.zone", """@ IN SOA ns hm 1 2 3 4
bad IN A 300.1.1.1
$UNKNOWN x
long ( paren
txt TXT "unterminated
$INCLUDE /etc/passwd
""")

put("blocklist", "hosts.txt", "# comment\n127.0.0.1 localhost\n0.0.0.0 ads.example.com tracker.example.com # trailing\n::1 ip6.example\n0.0.0.0\tbad..name\n")
put("blocklist", "domains.txt", "ads.example.com\n*.example.com\n.tracker.example\nexample.org # why\n\n-bad-.example\n")
put("blocklist", "adblock.txt", "! Title: test\n[Adblock Plus 2.0]\n||ads.example.com^\n@@||good.example.com^\n||x.example^$third-party\nexample.com##.banner\n/regex/\n|http://a.example/|\n")
put("blocklist", "mixed.txt", "0.0.0.0 ads.example.com\nplain.example\n||adb.example^\r\n\xef\xbb\xbfbom.example\n")
