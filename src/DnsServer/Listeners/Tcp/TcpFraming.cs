using System.Buffers;
using System.Buffers.Binary;

namespace SplitDns.Server.Listeners.Tcp;

/// <summary>RFC 1035 §4.2.2 framing: each message is preceded by its length as two octets.</summary>
internal static class TcpFraming
{
    /// <summary>Takes one whole frame off <paramref name="buffer"/>; a frame shorter than a header is fatal.</summary>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame, out bool bad)
    {
        frame = default;
        bad = false;
        if (buffer.Length < 2)
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[2];
        buffer.Slice(0, 2).CopyTo(prefix);
        int length = BinaryPrimitives.ReadUInt16BigEndian(prefix);
        if (length < 12)
        {
            // Not even a header: the stream cannot be trusted to stay in sync.
            bad = true;
            return false;
        }

        if (buffer.Length < length + 2)
        {
            return false;
        }

        frame = buffer.Slice(2, length);
        buffer = buffer.Slice(length + 2);
        return true;
    }
}
