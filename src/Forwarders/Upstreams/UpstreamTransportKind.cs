namespace SplitDns.Forwarders.Upstreams;

/// <summary>How queries reach one upstream server. Persisted in configuration: never renumber.</summary>
public enum UpstreamTransportKind
{
    /// <summary>UDP, retried over TCP when the answer is truncated (RFC 1035 §4.2.1, RFC 7766 §5).</summary>
    Udp = 0,

    /// <summary>TCP with connection reuse and pipelining (RFC 7766 §6.2).</summary>
    Tcp = 1,

    /// <summary>DNS over TLS (RFC 7858), port 853.</summary>
    Tls = 2,

    /// <summary>DNS over HTTPS (RFC 8484), HTTP/2.</summary>
    Https = 3,
}
