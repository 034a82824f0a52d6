using System.Buffers;
using System.Globalization;
using System.Text;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.ZoneFile;

/// <summary>
/// Writes records as a canonical master file: one RR per line, absolute owner names, explicit
/// TTL and class, the SOA first and the rest in canonical order (RFC 4034 §6.1 names, then
/// type, then canonical RDATA). The output parses back to the same records with any origin.
/// </summary>
public static class ZoneFileWriter
{
    /// <summary>Sorts and writes <paramref name="records"/>.</summary>
    public static void Write(TextWriter writer, IEnumerable<ResourceRecord> records)
    {
        // Sort keys are computed once per record through one scratch buffer (RDATA <= 65535).
        List<(ResourceRecord Record, byte[] Canonical)> sorted = [];
        byte[] scratch = ArrayPool<byte>.Shared.Rent(ushort.MaxValue);
        try
        {
            foreach (ResourceRecord record in records)
            {
                var wire = new DnsWriter(scratch, canonical: true);
                if (!record.Data.TryWrite(ref wire))
                {
                    throw new ArgumentException($"RDATA of {record.Name} {RecordTypeNames.ToText(record.Type)} is longer than 65535 octets", nameof(records));
                }

                sorted.Add((record, wire.Written.ToArray()));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }

        sorted.Sort(static (a, b) => Compare(a.Record, a.Canonical, b.Record, b.Canonical));
        var line = new StringBuilder(256);
        foreach ((ResourceRecord record, _) in sorted)
        {
            line.Clear();
            AppendRecord(line, record);
            line.Append('\n');
            writer.Write(line);
        }
    }

    /// <summary>Writes a canonical file to a string.</summary>
    public static string ToText(IEnumerable<ResourceRecord> records)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer, records);
        return writer.ToString();
    }

    /// <summary>One record in the writer's line format, without a newline.</summary>
    public static void AppendRecord(StringBuilder sb, ResourceRecord record)
    {
        record.Name.AppendPresentation(sb);
        sb.Append('\t').Append(record.Ttl.ToString(CultureInfo.InvariantCulture))
          .Append('\t').Append(RecordTypeNames.ClassToText(record.Class))
          .Append('\t').Append(RecordTypeNames.ToText(record.Type))
          .Append('\t');
        record.Data.AppendPresentation(sb);
    }

    private static int Compare(ResourceRecord a, byte[] aWire, ResourceRecord b, byte[] bWire)
    {
        // SOA leads so the file reads like every zone file (and a streaming loader meets it first).
        int c = TransferOrder.CompareOwnerAndType(a, b);
        if (c != 0)
        {
            return c;
        }

        c = aWire.AsSpan().SequenceCompareTo(bWire);
        return c != 0 ? c : a.Ttl.CompareTo(b.Ttl);
    }
}
