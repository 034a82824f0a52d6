using System.Net;
using SplitDns.Server.Networking;

namespace SplitDns.Server.Listeners.Doh;

/// <summary>
/// DNS over HTTPS (RFC 8484): the HTTPS endpoints (SplitDns:Listen:Https, none by default) and
/// SplitDns:Doh. The HTTPS endpoints present the SplitDns:Tls certificates and serve only
/// <see cref="Path"/>; with <see cref="AllowPlainHttp"/> the plain SplitDns:Listen:Http endpoints
/// serve it too (for a gateway that terminates TLS itself).
/// </summary>
public sealed class DohSettings
{
    public const string DefaultPath = "/dns-query";

    /// <summary>HTTPS endpoints (SplitDns:Listen:Https). Empty: no DoH over TLS.</summary>
    public IReadOnlyList<IPEndPoint> HttpsEndpoints { get; init; } = [];

    /// <summary>The request path (SplitDns:Doh:Path), "/dns-query" by default (RFC 8484 §3 leaves it to the server).</summary>
    public string Path { get; init; } = DefaultPath;

    /// <summary>
    /// Peers whose X-Forwarded-For names the client (SplitDns:Doh:TrustedProxies), e.g. the
    /// gateway's pod CIDR. From anyone else the header is ignored: the TCP peer is the client.
    /// </summary>
    public NetworkList TrustedProxies { get; init; } = NetworkList.Empty;

    /// <summary>Serve the DoH path on the plain HTTP endpoints too (SplitDns:Doh:AllowPlainHttp, false).</summary>
    public bool AllowPlainHttp { get; init; }

    /// <summary>
    /// Open HTTPS connections per peer address (SplitDns:Doh:ConnectionsPerClient); trusted
    /// proxies are not counted (every gateway connection comes from a few addresses). 0: no limit.
    /// </summary>
    public int ConnectionsPerClient { get; init; } = 64;

    /// <summary>Time a client has to send its request headers (SplitDns:Doh:RequestHeadersTimeoutSeconds).</summary>
    public TimeSpan RequestHeadersTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>An idle HTTP connection is closed after this (SplitDns:Doh:IdleTimeoutSeconds).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Concurrent HTTP/2 streams (queries) per connection (SplitDns:Doh:MaxStreamsPerConnection).</summary>
    public int MaxStreamsPerConnection { get; init; } = 100;

    /// <summary>Time a client has to finish its TLS handshake (SplitDns:Doh:HandshakeTimeoutSeconds).</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public bool Enabled => HttpsEndpoints.Count > 0 || AllowPlainHttp;
}
