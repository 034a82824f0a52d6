namespace SplitDns.Server.Resolution;

/// <summary>What each transport implies for a reply.</summary>
public static class DnsTransportExtensions
{
    /// <summary>
    /// True when a reply is not bounded by a datagram: every transport but UDP carries up to
    /// 65,535 octets (RFC 7766 §8 for TCP and DoT, RFC 8484 §6 for DoH), and never sets TC for size.
    /// </summary>
    public static bool IsUnboundedSize(this DnsTransport transport) => transport != DnsTransport.Udp;

    /// <summary>True when the transport is a DNS TCP stream (TCP 53 or DoT): RFC 7828 keepalive applies.</summary>
    public static bool IsTcpStream(this DnsTransport transport) => transport is DnsTransport.Tcp or DnsTransport.Dot;
}
