using System.Net;
using SplitDns.Forwarders;
using SplitDns.Protocol.Names;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Hosting;

/// <summary>
/// The validated server configuration (section "SplitDns"), produced by
/// <see cref="ServerSettingsReader"/>. Everything here has been parsed and range-checked.
/// </summary>
public sealed class ServerSettings
{
    /// <summary>The served domain; the origin of every zone that names none (SplitDns:Domain).</summary>
    public DnsName Domain { get; init; } = DnsName.Parse("example.com.");

    public IReadOnlyList<IPEndPoint> DnsEndpoints { get; init; } = [];

    public IReadOnlyList<IPEndPoint> HttpEndpoints { get; init; } = [];

    /// <summary>Absolute path of the zone directory.</summary>
    public string ZoneDirectory { get; init; } = "zones";

    /// <summary>
    /// What relative path settings are resolved against: the --config file's folder, else the
    /// working directory (<see cref="ServerConfiguration.PathBase"/>).
    /// </summary>
    public string PathBase { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>Every configured zone: the shared ones (SplitDns:Zones) and the views' own (SplitDns:Views:N:Zones).</summary>
    public IReadOnlyList<ZoneSettings> Zones { get; init; } = [];

    /// <summary>
    /// The views in match order (SplitDns:Views; first match wins), ending in a catch-all. Empty
    /// means the single default view over the global forwarders (settings built in code, tests).
    /// </summary>
    public IReadOnlyList<ViewSettings> Views { get; init; } = [];

    /// <summary>Blocklists (SplitDns:Blocking); views choose which of them they use.</summary>
    public BlockingSettings Blocking { get; init; } = new();

    /// <summary>Cap on UDP responses to EDNS clients (RFC 9715: 1232 avoids fragmentation).</summary>
    public int MaxUdpPayload { get; init; } = 1232;

    /// <summary>UDP sockets (SO_REUSEPORT) and receive loops per endpoint.</summary>
    public int UdpReceiveLoops { get; init; } = Environment.ProcessorCount;

    /// <summary>Datagrams per receive and send system call on Linux (recvmmsg/sendmmsg); 1 = one per call.</summary>
    public int UdpBatchSize { get; init; } = 32;

    public TimeSpan TcpIdleTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public int TcpMaxConnections { get; init; } = 1024;

    /// <summary>SO_SNDBUF of DNS TCP connections in bytes (like BIND's tcp-send-buffer); 0 keeps the OS default (autotuned).</summary>
    public int TcpSendBufferBytes { get; init; }

    public ChaosSettings Chaos { get; init; } = new();

    /// <summary>Resource limits (SplitDns:Limits).</summary>
    public LimitsSettings Limits { get; init; } = new();

    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public bool WatchZoneFiles { get; init; } = true;

    /// <summary>Upstream and conditional forwarders and the response cache (SplitDns:Forwarders). None by default.</summary>
    public ForwardersOptions Forwarders { get; init; } = new();

    /// <summary>Clients that may use forwarding (SplitDns:RecursionAcl).</summary>
    public RecursionAcl RecursionAcl { get; init; } = RecursionAcl.Default;

    /// <summary>Trusted sources of client addresses: ECS and PROXY protocol v2 (SplitDns:ClientSubnet, SplitDns:ProxyProtocol).</summary>
    public ClientAddressSettings ClientAddress { get; init; } = new();

    /// <summary>Response rate limiting over UDP (SplitDns:RateLimit). Off by default.</summary>
    public RateLimiting.RateLimitSettings RateLimit { get; init; } = new();

    /// <summary>DNS cookies for clients (SplitDns:Cookies). On by default.</summary>
    public Cookies.CookieSettings Cookies { get; init; } = new();

    /// <summary>TLS certificates (SplitDns:Tls) and the DNS over TLS listeners (SplitDns:Listen:Dot). Off by default.</summary>
    public Tls.TlsSettings Tls { get; init; } = new();

    /// <summary>DNS over HTTPS (SplitDns:Listen:Https, SplitDns:Doh). Off by default.</summary>
    public Listeners.Doh.DohSettings Doh { get; init; } = new();
}
