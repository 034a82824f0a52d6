using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.ZoneStore.Persistence;
using SplitDns.ZoneStore.Transfer;
using static SplitDns.ZoneStore.Tests.TestRecords;

namespace SplitDns.ZoneStore.Tests.Transfer;

public sealed class XfrMessageWriterTests
{
    private static DnsMessage AxfrRequest()
    {
        var m = new DnsMessage();
        m.Header.Id = 777;
        m.Questions.Add(new DnsQuestion(Origin, RecordType.AXFR));
        return m;
    }

    private static List<DnsMessage> WriteAll(IReadOnlyList<ResourceRecord> sequence, int limit)
    {
        var messages = new List<DnsMessage>();
        byte[] buffer = new byte[65535];
        int index = 0;
        while (index < sequence.Count)
        {
            int length = XfrMessageWriter.Write(buffer, limit, AxfrRequest(), sequence, ref index, messages.Count == 0);
            Assert.True(length <= limit);
            messages.Add(DnsMessage.Parse(buffer.AsSpan(0, length)));
        }

        return messages;
    }

    [Fact]
    public void Write_LargeZone_SeveralMessagesSoaFirstAndLast()
    {
        string[] hosts = Enumerable.Range(0, 3000).Select(i => $"host{i} 300 A 10.0.{i / 256}.{i % 256}").ToArray();
        List<ResourceRecord> zone = Zone(hosts);

        List<DnsMessage> messages = WriteAll(TransferSequence.Axfr(zone), XfrMessageWriter.DefaultMessageSize);

        Assert.True(messages.Count > 3);
        List<ResourceRecord> all = messages.SelectMany(m => m.Answers).ToList();
        Assert.Equal(zone.Count + 1, all.Count);
        Assert.Equal(RecordType.SOA, all[0].Type);
        Assert.Equal(RecordType.SOA, all[^1].Type);
        Assert.Single(messages[0].Questions);
        Assert.All(messages.Skip(1), m => Assert.Empty(m.Questions));
        Assert.All(messages, m => Assert.True(m.Header.IsResponse && m.Header.AuthoritativeAnswer && m.Id == 777));
    }

    [Fact]
    public void Write_WithEdns_EveryMessageEndsWithOptWithinTheLimit()
    {
        string[] hosts = Enumerable.Range(0, 300).Select(i => $"host{i} 300 A 10.0.{i / 256}.{i % 256}").ToArray();
        List<ResourceRecord> sequence = TransferSequence.Axfr(Zone(hosts));
        var edns = new EdnsRecord { UdpPayloadSize = 1232 };
        byte[] buffer = new byte[65535];
        var messages = new List<DnsMessage>();
        int index = 0;
        while (index < sequence.Count)
        {
            int length = XfrMessageWriter.Write(buffer, 1232, AxfrRequest(), sequence, ref index, messages.Count == 0, edns);
            Assert.InRange(length, DnsHeader.Size, 1232);
            messages.Add(DnsMessage.Parse(buffer.AsSpan(0, length)));
        }

        Assert.True(messages.Count > 3);
        Assert.All(messages, m => Assert.Equal(1232, m.Edns!.UdpPayloadSize));
        Assert.Equal(sequence.Count, messages.Sum(m => m.Answers.Count));
    }

    [Fact]
    public void Ixfr_TwoJournalRows_RfcOrder()
    {
        ResourceRecord soa100 = Rr("@ 3600 SOA ns1 hostmaster 100 7200 900 1209600 300");
        ResourceRecord soa101 = Rr("@ 3600 SOA ns1 hostmaster 101 7200 900 1209600 300");
        ResourceRecord soa102 = Rr("@ 3600 SOA ns1 hostmaster 102 7200 900 1209600 300");
        var now = DateTimeOffset.UnixEpoch;
        JournalEntry[] rows =
        [
            new(1, 100, 101, now, null, null, RecordProvenance.Dynamic, [soa100], [Rr("a 300 A 192.0.2.1"), soa101]),
            new(2, 101, 102, now, null, null, RecordProvenance.Dynamic, [soa101, Rr("a 300 A 192.0.2.1")], [soa102]),
        ];

        List<ResourceRecord> seq = TransferSequence.Ixfr(soa102, rows);

        Assert.Equal(
            ["102", "100", "101", "a", "101", "a", "102", "102"],
            seq.Select(r => r.Data is SoaRdata s ? s.Serial.ToString(System.Globalization.CultureInfo.InvariantCulture) : r.Name.ToRelativeString(Origin)));
    }

    [Fact]
    public void Axfr_RecordsNotStartingWithSoa_Throws()
    {
        Assert.Throws<ArgumentException>(() => TransferSequence.Axfr([Rr("a 300 A 192.0.2.1")]));
    }

    [Fact]
    public void TransferAcl_KeyAndNetwork_BothRequiredWhenSet()
    {
        var acl = new TransferAcl(["ExternalDNS"], [System.Net.IPNetwork.Parse("127.0.0.0/8")]);

        Assert.True(acl.Allows("externaldns.", System.Net.IPAddress.Loopback));
        Assert.False(acl.Allows(null, System.Net.IPAddress.Loopback));
        Assert.False(acl.Allows("externaldns.", System.Net.IPAddress.Parse("192.0.2.1")));
        Assert.False(TransferAcl.DenyAll.Allows("externaldns.", System.Net.IPAddress.Loopback));
        _ = DnsName.Root;
    }
}
