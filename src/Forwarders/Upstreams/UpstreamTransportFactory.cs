using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace SplitDns.Forwarders.Upstreams;

/// <summary>Builds the transport for an endpoint's kind.</summary>
public static class UpstreamTransportFactory
{
    public static IUpstreamTransport Create(UpstreamEndpoint endpoint, X509Certificate2Collection? trustedRoots,
        Action onSpoofed, TimeSpan idleTimeout) => Create(endpoint, trustedRoots, onSpoofed, idleTimeout, new UdpSocketPoolOptions(), cookies: false);

    public static IUpstreamTransport Create(UpstreamEndpoint endpoint, X509Certificate2Collection? trustedRoots,
        Action onSpoofed, TimeSpan idleTimeout, UdpSocketPoolOptions udpPool, bool cookies)
    {
        switch (endpoint.Transport)
        {
            case UpstreamTransportKind.Https:
                return new HttpsUpstreamTransport(endpoint, trustedRoots, onSpoofed, idleTimeout);
            case UpstreamTransportKind.Tls:
                return new StreamUpstreamTransport(Target(endpoint), endpoint.TlsName, trustedRoots, onSpoofed, idleTimeout);
            case UpstreamTransportKind.Tcp:
                return new StreamUpstreamTransport(Target(endpoint), null, null, onSpoofed, idleTimeout);
            default:
                var tcp = new StreamUpstreamTransport(Target(endpoint), null, null, onSpoofed, idleTimeout);
                return new UdpUpstreamTransport(Target(endpoint), tcp, onSpoofed, udpPool, cookies);
        }
    }

    private static IPEndPoint Target(UpstreamEndpoint endpoint) =>
        new(endpoint.Address ?? throw new ArgumentException($"upstream {endpoint.Label} has no address", nameof(endpoint)), endpoint.Port);
}
