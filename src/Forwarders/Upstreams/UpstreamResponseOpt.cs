using System.Buffers.Binary;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Forwarders.Upstreams;

/// <summary>
/// Finds the OPT record of an answer on the wire without parsing the whole message: its
/// extended RCODE bits and COOKIE option (RFC 7873 §4), which the receive loop checks before it
/// accepts a datagram. Works on spans; malformed input is "no OPT", not an exception.
/// </summary>
internal static class UpstreamResponseOpt
{
    /// <summary>True when an OPT record was found; <paramref name="cookie"/> is empty when it has no COOKIE option.</summary>
    public static bool TryFind(ReadOnlySpan<byte> message, out byte extendedRcode, out ReadOnlySpan<byte> cookie)
    {
        extendedRcode = 0;
        cookie = default;
        if (message.Length < DnsHeader.Size)
        {
            return false;
        }

        int questions = BinaryPrimitives.ReadUInt16BigEndian(message[4..]);
        int records = BinaryPrimitives.ReadUInt16BigEndian(message[6..]) + BinaryPrimitives.ReadUInt16BigEndian(message[8..])
            + BinaryPrimitives.ReadUInt16BigEndian(message[10..]);
        int at = DnsHeader.Size;
        for (int i = 0; i < questions; i++)
        {
            if (!TrySkipName(message, ref at) || (at += 4) > message.Length)
            {
                return false;
            }
        }

        for (int i = 0; i < records; i++)
        {
            if (!TrySkipName(message, ref at) || at + 10 > message.Length)
            {
                return false;
            }

            ushort type = BinaryPrimitives.ReadUInt16BigEndian(message[at..]);
            uint ttl = BinaryPrimitives.ReadUInt32BigEndian(message[(at + 4)..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(message[(at + 8)..]);
            at += 10;
            if (at + length > message.Length)
            {
                return false;
            }

            if (type == (ushort)RecordType.OPT)
            {
                extendedRcode = (byte)(ttl >> 24);
                cookie = FindCookie(message.Slice(at, length));
                return true;
            }

            at += length;
        }

        return false;
    }

    /// <summary>The full RCODE: 4 header bits plus the OPT's upper 8 (RFC 6891 §6.1.3).</summary>
    public static DnsRcode Rcode(ReadOnlySpan<byte> message)
    {
        int low = message.Length >= 4 ? message[3] & 0x0F : 0;
        return (DnsRcode)(low | (TryFind(message, out byte high, out _) ? high << 4 : 0));
    }

    private static ReadOnlySpan<byte> FindCookie(ReadOnlySpan<byte> options)
    {
        int at = 0;
        while (at + 4 <= options.Length)
        {
            ushort code = BinaryPrimitives.ReadUInt16BigEndian(options[at..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(options[(at + 2)..]);
            at += 4;
            if (at + length > options.Length)
            {
                return default;
            }

            if (code == (ushort)EdnsOptionCode.Cookie)
            {
                return options.Slice(at, length);
            }

            at += length;
        }

        return default;
    }

    /// <summary>Skips a name: labels up to the root or a compression pointer (which ends it).</summary>
    private static bool TrySkipName(ReadOnlySpan<byte> message, ref int at)
    {
        while (at < message.Length)
        {
            byte length = message[at];
            if (length == 0)
            {
                at++;
                return true;
            }

            if ((length & 0xC0) == 0xC0)
            {
                at += 2;
                return at <= message.Length;
            }

            if ((length & 0xC0) != 0)
            {
                return false;
            }

            at += 1 + length;
        }

        return false;
    }
}
