using System.Buffers;
using System.Text;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>
/// Typed RDATA. Each RR type is one small sealed subclass with its wire and presentation forms
/// side by side (miekg/dns style). Instances are immutable.
/// </summary>
public abstract class Rdata : IEquatable<Rdata>
{
    public abstract RecordType Type { get; }

    /// <summary>Writes the RDATA (without RDLENGTH). Returns false when out of room.</summary>
    public abstract bool TryWrite(ref DnsWriter writer);

    /// <summary>Appends the presentation form of the RDATA (RFC 1035 §5.1).</summary>
    public abstract void AppendPresentation(StringBuilder sb);

    public override string ToString()
    {
        var sb = new StringBuilder();
        AppendPresentation(sb);
        return sb.ToString();
    }

    /// <summary>The canonical wire form (RFC 4034 §6.2: uncompressed, names lowercased).</summary>
    public byte[] ToCanonicalWire()
    {
        // Pooled scratch: equality and hashing call this often (RRset updates, HashSet lookups).
        byte[] buffer = ArrayPool<byte>.Shared.Rent(65535);
        try
        {
            var writer = new DnsWriter(buffer.AsSpan(0, 65535), canonical: true);
            if (!TryWrite(ref writer))
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

    /// <summary>The wire form as sent (names uncompressed, case kept).</summary>
    public byte[] ToWire()
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(65535);
        try
        {
            var writer = new DnsWriter(buffer.AsSpan(0, 65535));
            writer.DisableCompression();
            if (!TryWrite(ref writer))
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

    /// <summary>
    /// Canonical RDATA order (RFC 4034 §6.3); names inside RDATA compare case-insensitively, so
    /// "delete this exact record" (RFC 2136 §2.5.4) matches regardless of case.
    /// </summary>
    public int CompareCanonical(Rdata other)
    {
        int byType = ((ushort)Type).CompareTo((ushort)other.Type);
        return byType != 0 ? byType : ToCanonicalWire().AsSpan().SequenceCompareTo(other.ToCanonicalWire());
    }

    public bool Equals(Rdata? other) => other is not null && CompareCanonical(other) == 0;

    public override bool Equals(object? obj) => obj is Rdata other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Type);
        hash.AddBytes(ToCanonicalWire());
        return hash.ToHashCode();
    }
}
