using System.Globalization;
using System.Text;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Api.Explain;

/// <summary>Response sections as zone-file lines: "owner TTL CLASS TYPE RDATA", one per record.</summary>
public static class SectionText
{
    public static List<string> Lines(List<SectionEntry> section)
    {
        var lines = new List<string>();
        foreach (SectionEntry entry in section)
        {
            foreach (ResourceRecord rr in entry.Rrset.Records)
            {
                lines.Add(Line(entry.Owner, rr));
            }
        }

        return lines;
    }

    public static List<string> Lines(IReadOnlyList<ResourceRecord> records)
    {
        var lines = new List<string>(records.Count);
        foreach (ResourceRecord rr in records)
        {
            if (rr.Type != RecordType.OPT)
            {
                lines.Add(Line(rr.Name, rr));
            }
        }

        return lines;
    }

    /// <summary>One record with <paramref name="owner"/> as its owner (a wildcard answer is owned by the query name).</summary>
    public static string Line(DnsName owner, ResourceRecord rr)
    {
        var sb = new StringBuilder();
        owner.AppendPresentation(sb);
        sb.Append(' ').Append(rr.Ttl.ToString(CultureInfo.InvariantCulture))
          .Append(' ').Append(RecordTypeNames.ClassToText(rr.Class))
          .Append(' ').Append(RecordTypeNames.ToText(rr.Type)).Append(' ');
        rr.Data.AppendPresentation(sb);
        return sb.ToString();
    }
}
