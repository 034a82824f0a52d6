using System.Buffers;
using System.Buffers.Binary;

namespace SplitDns.Protocol.Wire;

/// <summary>
/// Encodes messages into an <see cref="IBufferWriter{T}"/> (a TCP <c>PipeWriter</c>, an
/// <see cref="ArrayBufferWriter{T}"/>): get a span, write, advance by what was written.
/// Nothing is committed when the message does not fit.
/// </summary>
public static class DnsBufferWriterExtensions
{
    /// <summary>Appends one message of at most <paramref name="limit"/> bytes.</summary>
    public static bool TryWriteMessage(this IBufferWriter<byte> output, DnsMessage message, int limit = ushort.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, ushort.MaxValue);
        Span<byte> span = output.GetSpan(limit);
        var writer = new DnsWriter(span, limit);
        if (!message.TryWrite(ref writer))
        {
            return false;
        }

        output.Advance(writer.Position);
        return true;
    }

    /// <summary>
    /// Appends one message framed for TCP: a 2-byte length, then the message (RFC 1035 §4.2.2).
    /// Compression offsets count from the message, not from the length prefix.
    /// </summary>
    public static bool TryWriteTcpMessage(this IBufferWriter<byte> output, DnsMessage message)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(message);
        Span<byte> span = output.GetSpan(2 + ushort.MaxValue);
        var writer = new DnsWriter(span[2..], ushort.MaxValue);
        if (!message.TryWrite(ref writer))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)writer.Position);
        output.Advance(2 + writer.Position);
        return true;
    }
}
