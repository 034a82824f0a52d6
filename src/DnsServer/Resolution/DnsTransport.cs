namespace SplitDns.Server.Resolution;

/// <summary>How a message arrived. Persisted in metrics labels: never renumber.</summary>
public enum DnsTransport
{
    Udp = 0,
    Tcp = 1,

    /// <summary>DNS over TLS (RFC 7858): TCP framing (RFC 7766) inside TLS.</summary>
    Dot = 2,

    /// <summary>DNS over HTTPS (RFC 8484): one message per HTTP request and response.</summary>
    Doh = 3,
}
