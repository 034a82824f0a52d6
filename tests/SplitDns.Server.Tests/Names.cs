using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Server.Tests;

/// <summary>Short ways to look at a parsed response in assertions.</summary>
internal static class Names
{
    public static string[] Lines(this List<ResourceRecord> records) =>
        records.Select(r => $"{r.Name} {r.Ttl} {RecordTypeNames.ToText(r.Type)} {r.Data}").ToArray();

    public static string[] Owners(this List<ResourceRecord> records) => records.Select(r => r.Name.ToString()).ToArray();

    public static RecordType Parse(string type) => RecordTypeNames.TryParse(type, out RecordType t) ? t : throw new ArgumentException(type);

    public static ushort[] EdeCodes(this DnsMessage m) =>
        m.Edns?.Options.Where(o => o.Code == Protocol.Edns.EdnsOptionCode.ExtendedDnsError)
            .Select(o => (ushort)((o.Data.Span[0] << 8) | o.Data.Span[1])).ToArray() ?? [];
}
