using System.Buffers;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.ZoneStore.Persistence;

/// <summary>
/// Encodes a list of RRs as concatenated uncompressed wire RRs (owner, type, class, TTL,
/// RDLENGTH, RDATA), the journal's storage form. Persisted: the format never changes.
/// </summary>
public static class RecordListCodec
{
    public static byte[] Encode(IReadOnlyList<ResourceRecord> records)
    {
        var output = new ArrayBufferWriter<byte>(256);
        byte[] scratch = ArrayPool<byte>.Shared.Rent(65535 + 512);
        try
        {
            foreach (ResourceRecord rr in records)
            {
                var writer = new DnsWriter(scratch);
                writer.DisableCompression();
                if (!rr.TryWrite(ref writer))
                {
                    throw new InvalidOperationException($"record {rr.Name} does not fit in 64 KiB");
                }

                output.Write(writer.Written);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }

        return output.WrittenSpan.ToArray();
    }

    public static List<ResourceRecord> Decode(ReadOnlySpan<byte> data)
    {
        var list = new List<ResourceRecord>();
        var reader = new DnsReader(data);
        while (reader.Remaining > 0)
        {
            list.Add(ResourceRecord.Read(ref reader));
        }

        return list;
    }

    /// <summary>Presentation lines, for humans reading the journal with sqlite3 or psql.</summary>
    public static string ToText(IReadOnlyList<ResourceRecord> records) =>
        string.Join('\n', records.Select(r => r.ToString()));
}
