using System.Net;
using System.Net.Security;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SplitDns.Server.Hosting;
using SplitDns.Server.Listeners.Tcp;
using SplitDns.Server.Resolution;
using SplitDns.Server.Tls;

namespace SplitDns.Server.Listeners.Dot;

/// <summary>
/// DNS over TLS (RFC 7858) endpoints on Kestrel: each connection is admitted by the TCP
/// handler's limits (before the handshake, so a flood of handshakes is capped too), then TLS
/// with the certificate source's certificate for the SNI name, then the same
/// <see cref="TcpSession"/> as TCP 53: RFC 7766 framing, pipelining, per-connection query limit,
/// message and idle timeouts, views (by client and by listener endpoint).
/// </summary>
public static class DotListener
{
    /// <summary>ALPN "dot" (IANA TLS ALPN registry, RFC 7858); clients that offer none still connect.</summary>
    private static readonly List<SslApplicationProtocol> s_alpn = [new SslApplicationProtocol("dot")];

    public static void Configure(KestrelServerOptions kestrel, ServerSettings settings)
    {
        foreach (IPEndPoint ep in settings.Tls.DotEndpoints)
        {
            kestrel.Listen(ep, lo =>
            {
                IServiceProvider services = lo.ApplicationServices;
                DnsConnectionHandler? handler = null;
                DnsConnectionHandler Handler() => handler ??= services.GetRequiredService<DnsConnectionHandler>();
                lo.Use(next => connection => Handler().AdmitAsync(connection, DnsTransport.Dot, next));
                lo.UseTlsCertificates(services.GetRequiredService<TlsCertificateSource>, s_alpn, settings.TcpIdleTimeout);
                lo.Run(connection => Handler().ServeAsync(connection, DnsTransport.Dot));
            });
        }
    }

    /// <summary>Logs one "listening" line per DoT endpoint once the host has started.</summary>
    public static void LogEndpoints(ILogger logger, ServerSettings settings)
    {
        foreach (IPEndPoint ep in settings.Tls.DotEndpoints)
        {
            Log.Listening(logger, ep);
        }
    }
}
