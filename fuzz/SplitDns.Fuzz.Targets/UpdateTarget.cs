using System.Net;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Protocol.ZoneFile;
using SplitDns.ZoneStore.Updates;

namespace SplitDns.Fuzz.Targets;

/// <summary>
/// The RFC 2136 UPDATE path as the server runs it, minus TSIG and the store: parse the message,
/// check the zone section, then <see cref="UpdateProcessor.Apply"/> (requester, prerequisites,
/// pre-scan, permissions, the updates, the serial) against a fresh in-memory working set of a
/// small zone, and take the diff the store would commit. An even message ID is checked against
/// a grant that allows everything, an odd one against a grant for A/AAAA/TXT below the apex only.
/// Documented failure: <see cref="DnsFormatException"/> from the parser; after that every
/// outcome is an rcode, so nothing may be thrown.
/// </summary>
public static class UpdateTarget
{
    private const string ZoneText = """
        $TTL 300
        @       IN SOA ns1 hostmaster 2024010101 3600 600 86400 300
        @       IN NS  ns1
        @       IN NS  ns2
        @       IN MX  10 mail
        ns1     IN A   192.0.2.1
        ns2     IN A   192.0.2.2
        mail    IN A   192.0.2.3
        www     IN A   192.0.2.4
        www     IN AAAA 2001:db8::4
        alias   IN CNAME www
        txt     IN TXT "heritage=external-dns,external-dns/owner=default"
        _sip._tcp IN SRV 0 5 5060 www
        sub     IN NS  ns.sub
        ns.sub  IN A   192.0.2.53
        """;

    private static readonly DnsName Origin = DnsName.Parse("example.com.");
    private static readonly IReadOnlyList<ResourceRecord> Records = ZoneFileParser.ParseText(ZoneText, "update.zone", Origin).Records;
    private static readonly UpdateProcessor Processor = new(new UpdateSettings());
    private static readonly IPAddress Client = IPAddress.Loopback;
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly ZoneUpdatePolicy AllowAll = new(
        [new UpdateGrant(null, [NamePattern.Parse("**", Origin)], [], [])]);

    private static readonly ZoneUpdatePolicy Narrow = new(
        [new UpdateGrant(null, [NamePattern.Parse("*", Origin)], [RecordType.A, RecordType.AAAA, RecordType.TXT], [])]);

    public static void Run(ReadOnlySpan<byte> data)
    {
        DnsMessage message;
        try
        {
            message = DnsMessage.Parse(data);
        }
        catch (DnsFormatException)
        {
            return;
        }

        if (UpdateProcessor.CheckZoneSection(message, out DnsName zone, out _) != DnsRcode.NoError || !zone.Equals(Origin))
        {
            return;
        }

        var working = new ZoneWorkingSet(Origin, Records);
        ZoneUpdatePolicy policy = (message.Id & 1) == 0 ? AllowAll : Narrow;
        UpdateResult result = Processor.Apply(message, working, policy, null, Client, Now);
        if (result.Rcode != DnsRcode.NoError)
        {
            return;
        }

        List<ResourceRecord> after = working.ToRecords();
        if (after.Count == 0)
        {
            throw new InvalidOperationException("an applied update left the zone without records");
        }

        // What the store commits next: the zone must still load as a zone (one SOA at the apex).
        _ = new ZoneWorkingSet(Origin, after);
    }
}
