using System.Buffers.Binary;
using SplitDns.Protocol.Edns;
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
        if (!OptLocator.TryFind(message, anySection: true, out int at))
        {
            return false;
        }

        uint ttl = BinaryPrimitives.ReadUInt32BigEndian(message[(at + 4)..]);
        int length = BinaryPrimitives.ReadUInt16BigEndian(message[(at + 8)..]);
        at += 10;
        if (at + length > message.Length)
        {
            return false;
        }

        extendedRcode = (byte)(ttl >> 24);
        cookie = EdnsOptionReader.TryFind(message.Slice(at, length), EdnsOptionCode.Cookie, out ReadOnlySpan<byte> data) ? data : default;
        return true;
    }

    /// <summary>The full RCODE: 4 header bits plus the OPT's upper 8 (RFC 6891 §6.1.3).</summary>
    public static DnsRcode Rcode(ReadOnlySpan<byte> message)
    {
        int low = message.Length >= 4 ? message[3] & 0x0F : 0;
        return (DnsRcode)(low | (TryFind(message, out byte high, out _) ? high << 4 : 0));
    }
}
