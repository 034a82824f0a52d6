using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.ZoneStore.Tests;

/// <summary>Records from presentation text, and UPDATE messages built from them.</summary>
internal static class TestRecords
{
    public static readonly DnsName Origin = DnsName.Parse("example.com.");

    /// <summary>"owner ttl [class] type rdata"; owner relative to example.com unless it ends in a dot.</summary>
    public static ResourceRecord Rr(string text)
    {
        string[] parts = text.Split(' ', 5, StringSplitOptions.RemoveEmptyEntries);
        DnsName name = DnsName.Parse(parts[0], Origin);
        uint ttl = uint.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        int i = 2;
        DnsClass cls = DnsClass.IN;
        if (RecordTypeNames.TryParseClass(parts[i], out DnsClass c))
        {
            cls = c;
            i++;
        }

        string[] rest = string.Join(' ', parts[i..]).Split(' ', 2);
        RecordTypeNames.TryParse(rest[0], out RecordType type);
        Rdata data = rest.Length < 2 || rest[1].Length == 0
            ? new UnknownRdata(type, [])
            : RdataFactory.Parse(type, RdataTextReader.FromString(rest[1], Origin));
        return new ResourceRecord(name, type, cls, ttl, data);
    }

    public static List<ResourceRecord> Zone(params string[] extra)
    {
        var list = new List<ResourceRecord>
        {
            Rr("@ 3600 SOA ns1 hostmaster 100 7200 900 1209600 300"),
            Rr("@ 3600 NS ns1"),
            Rr("@ 3600 NS ns2"),
            Rr("ns1 3600 A 192.0.2.1"),
            Rr("ns2 3600 A 192.0.2.2"),
        };
        list.AddRange(extra.Select(Rr));
        return list;
    }

    /// <summary>An UPDATE for example.com, round-tripped through the wire form.</summary>
    public static DnsMessage Update(IEnumerable<string> prerequisites, IEnumerable<string> updates, string zone = "example.com.")
    {
        var m = new DnsMessage();
        m.Header.Id = 4242;
        m.Header.Opcode = DnsOpcode.Update;
        m.Questions.Add(new DnsQuestion(DnsName.Parse(zone), RecordType.SOA));
        m.Answers.AddRange(prerequisites.Select(Rr));
        m.Authority.AddRange(updates.Select(Rr));
        return DnsMessage.Parse(m.ToArray());
    }

    public static DnsMessage Update(params string[] updates) => Update([], updates);
}
