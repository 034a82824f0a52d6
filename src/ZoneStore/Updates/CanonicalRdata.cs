using System.Buffers;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.ZoneStore.Updates;

/// <summary>
/// Canonical RDATA bytes (RFC 4034 §6.2: names uncompressed and lowercased) used as the identity
/// of a record inside an RRset, so "delete this exact RR" (RFC 2136 §2.5.4) matches whatever
/// case the client used in names inside RDATA, while TXT and other opaque bytes match exactly.
/// </summary>
public static class CanonicalRdata
{
    public static byte[] Of(Rdata data)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(65535);
        try
        {
            var writer = new DnsWriter(buffer.AsSpan(0, 65535), canonical: true);
            if (!data.TryWrite(ref writer))
            {
                throw new InvalidOperationException("RDATA longer than 65535 octets");
            }

            return writer.Written.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
