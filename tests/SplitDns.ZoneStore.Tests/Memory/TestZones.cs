using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.ZoneFile;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.ZoneStore.Tests.Memory;

/// <summary>Zone texts used by several tests, parsed with the real zone-file parser.</summary>
internal static class TestZones
{
    /// <summary>RFC 4592 §2.2.1, verbatim apart from concrete SOA and SRV RDATA.</summary>
    public const string Rfc4592 = """
        $ORIGIN example.
        $TTL 3600
        example.                 IN  SOA   ns.example.com. hostmaster.example. 1 3600 900 604800 300
        example.                     NS    ns.example.com.
        example.                     NS    ns.example.net.
        *.example.                   TXT   "this is a wildcard"
        *.example.                   MX    10 host1.example.
        sub.*.example.               TXT   "this is not a wildcard"
        host1.example.               A     192.0.2.1
        _ssh._tcp.host1.example.     SRV   \# 21 000a003c0016 05686f737431 076578616d706c65 00
        _ssh._tcp.host2.example.     SRV   \# 21 000a003c0016 05686f737431 076578616d706c65 00
        subdel.example.              NS    ns.example.com.
        subdel.example.              NS    ns.example.net.
        """;

    public static ZoneSnapshot Build(string text, string origin)
    {
        DnsName o = DnsName.Parse(origin);
        ZoneParseResult parsed = ZoneFileParser.ParseText(text, "test.zone", o);
        if (!parsed.Succeeded)
        {
            throw new InvalidOperationException(string.Join("\n", parsed.Errors));
        }

        return ZoneSnapshot.Create(o, parsed.Records);
    }

    public static ResourceRecord Record(string owner, string type, string rdata, uint ttl = 300)
    {
        RecordTypeNames.TryParse(type, out RecordType t);
        DnsName origin = DnsName.Root;
        return new ResourceRecord(DnsName.Parse(owner), ttl, RdataFactory.Parse(t, RdataTextReader.FromString(rdata, origin)));
    }
}
