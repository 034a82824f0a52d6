using System.Security.Cryptography.X509Certificates;
using SplitDns.Forwarders.Cache;
using SplitDns.Forwarders.Upstreams;

namespace SplitDns.Forwarders;

/// <summary>Everything the forwarders need, already parsed and validated (the server binds configuration into it).</summary>
public sealed class ForwardersOptions
{
    /// <summary>Upstream forwarders for names no zone or conditional forwarder covers.</summary>
    public List<UpstreamEndpoint> Upstream { get; init; } = [];

    public UpstreamStrategy Strategy { get; set; } = UpstreamStrategy.Ordered;

    /// <summary>Conditional forwarders (always strict order among their servers).</summary>
    public List<ConditionalForwarderOptions> Conditional { get; init; } = [];

    /// <summary>How long one try to one server may take.</summary>
    public TimeSpan TryTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a client waits at most before it gets SERVFAIL (or a stale answer).</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Upstream exchanges in flight at once (like BIND's recursive-clients); beyond it stale or SERVFAIL + EDE 0.</summary>
    public int MaxInFlight { get; set; } = 1000;

    /// <summary>Idle time after which TCP/TLS/HTTPS connections to upstreams are closed.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public UpstreamHealthOptions Health { get; init; } = new();

    /// <summary>Send DNS cookies to UDP upstreams and check their echo (RFC 7873 client side).</summary>
    public bool Cookies { get; set; } = true;

    /// <summary>The pre-bound random-port UDP sockets each UDP upstream keeps.</summary>
    public UdpSocketPoolOptions UdpPool { get; init; } = new();

    public ResponseCacheOptions Cache { get; init; } = new();

    /// <summary>Private CA certificates that DoT/DoH upstreams may chain to instead of the system store.</summary>
    public X509Certificate2Collection? TrustedRoots { get; set; }
}
