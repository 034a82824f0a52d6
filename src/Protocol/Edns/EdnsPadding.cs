using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Edns;

/// <summary>
/// The Padding option (RFC 7830) and the block-length policy of RFC 8467 §4.1: queries padded to
/// a multiple of 128 octets, responses to a multiple of 468. Receivers ignore the content; we
/// send zeros as RFC 7830 §3 asks.
/// </summary>
public static class EdnsPadding
{
    public const int QueryBlockSize = 128;
    public const int ResponseBlockSize = 468;

    /// <summary>Bytes of option header (code + length) that a Padding option adds before its data.</summary>
    public const int OptionHeaderSize = 4;

    /// <summary>
    /// Padding data length that brings a message of <paramref name="unpaddedLength"/> octets
    /// (already counting the 4-byte option header) to a multiple of <paramref name="blockSize"/>,
    /// but never past <paramref name="limit"/> (RFC 8467 §4.1 allows stopping at the maximum size).
    /// </summary>
    public static int PaddingLength(int unpaddedLength, int blockSize, int limit)
    {
        if (blockSize <= 0)
        {
            return 0;
        }

        int padded = (unpaddedLength + blockSize - 1) / blockSize * blockSize;
        return Math.Max(0, Math.Min(padded, limit) - unpaddedLength);
    }

    /// <summary>Writes a Padding option of <paramref name="length"/> zero octets.</summary>
    public static bool TryWriteOption(ref DnsWriter writer, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, ushort.MaxValue);
        DnsWriter.Mark mark = writer.GetMark();
        if (writer.TryWriteUInt16((ushort)EdnsOptionCode.Padding) && writer.TryWriteUInt16((ushort)length)
            && writer.TryWriteZeros(length))
        {
            return true;
        }

        writer.Reset(mark);
        return false;
    }
}
