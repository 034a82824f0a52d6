using System.Buffers.Binary;
using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.Wire;

/// <summary>
/// Finds out, without throwing, whether a message that may be malformed has an OPT record in its
/// additional section (RFC 6891 §6.1.1), so an error reply knows whether it may carry EDNS and an
/// Extended DNS Error (RFC 8914 §3: EDE lives in OPT). Walks the sections by their counts; any
/// structure it cannot follow means "no OPT found". Allocates nothing.
/// </summary>
public static class OptLocator
{
    public static bool HasOpt(ReadOnlySpan<byte> packet) => TryFind(packet, anySection: false, out _);

    /// <summary>
    /// The first OPT record: in the additional section only, or with <paramref name="anySection"/>
    /// in whichever section it stands. <paramref name="fixedOffset"/> is the offset of its TYPE
    /// field, just past the owner name; the 10 fixed octets (TYPE, CLASS, TTL, RDLENGTH) are
    /// inside the packet, its RDATA is not checked.
    /// </summary>
    public static bool TryFind(ReadOnlySpan<byte> packet, bool anySection, out int fixedOffset)
    {
        fixedOffset = 0;
        if (packet.Length < DnsHeader.Size)
        {
            return false;
        }

        int questions = BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
        int skipped = BinaryPrimitives.ReadUInt16BigEndian(packet[6..]) + BinaryPrimitives.ReadUInt16BigEndian(packet[8..]);
        int additional = BinaryPrimitives.ReadUInt16BigEndian(packet[10..]);
        int i = DnsHeader.Size;
        for (int q = 0; q < questions; q++)
        {
            if (!TrySkipName(packet, ref i) || (i += 4) > packet.Length)
            {
                return false;
            }
        }

        for (int r = 0; r < skipped + additional; r++)
        {
            if (!TrySkipName(packet, ref i) || i + 10 > packet.Length)
            {
                return false;
            }

            if ((anySection || r >= skipped) && BinaryPrimitives.ReadUInt16BigEndian(packet[i..]) == (ushort)RecordType.OPT)
            {
                fixedOffset = i;
                return true;
            }

            i += 10 + BinaryPrimitives.ReadUInt16BigEndian(packet[(i + 8)..]);
        }

        return false;
    }

    private static bool TrySkipName(ReadOnlySpan<byte> packet, ref int i)
    {
        while (i < packet.Length)
        {
            byte b = packet[i];
            if (b == 0)
            {
                i++;
                return true;
            }

            if ((b & 0xC0) == 0xC0)
            {
                i += 2;
                return i <= packet.Length;
            }

            if ((b & 0xC0) != 0)
            {
                return false;
            }

            i += 1 + b;
        }

        return false;
    }
}
