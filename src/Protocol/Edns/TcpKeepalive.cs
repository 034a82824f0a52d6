using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Edns;

/// <summary>
/// The edns-tcp-keepalive option (RFC 7828 §3.1): OPTION-CODE 11, in a response a 2-octet
/// TIMEOUT in units of 100 milliseconds; in a query empty (the client only asks).
/// </summary>
public static class TcpKeepalive
{
    /// <summary>Octets of the option in a response: code, length and TIMEOUT.</summary>
    public const int OptionSize = 6;

    /// <summary>True when the OPT RDATA <paramref name="options"/> holds an edns-tcp-keepalive option. Allocates nothing.</summary>
    public static bool IsPresent(ReadOnlySpan<byte> options) => EdnsOptionReader.TryFind(options, EdnsOptionCode.TcpKeepalive, out _);

    /// <summary>An idle timeout as RFC 7828's TIMEOUT: units of 100 ms, at most 65535 (about 1.8 hours).</summary>
    public static ushort ToTimeout(TimeSpan idle) => (ushort)Math.Clamp((long)(idle.TotalMilliseconds / 100), 0, ushort.MaxValue);

    /// <summary>Writes the option with <paramref name="timeout"/> (units of 100 ms); false when out of room.</summary>
    public static bool TryWrite(ref DnsWriter w, ushort timeout) =>
        w.TryWriteUInt16((ushort)EdnsOptionCode.TcpKeepalive) && w.TryWriteUInt16(2) && w.TryWriteUInt16(timeout);
}
