using System.Net;
using System.Net.Security;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SplitDns.Server.Listeners.Tcp;
using SplitDns.Server.Tls;

namespace SplitDns.Server.Listeners.Doh;

/// <summary>
/// The HTTPS endpoints (SplitDns:Listen:Https): HTTP/1.1 and HTTP/2 (ALPN h2, http/1.1) over TLS
/// 1.2/1.3 with the SplitDns:Tls certificates (chosen by SNI, reloaded on change), a per-client
/// connection quota in front of the handshake, and the DoH bounds on Kestrel's limits. Kestrel's
/// limits are per server, so the request-header timeout, idle timeout and HTTP/2 stream cap also
/// hold for the operations port when DoH is on. HTTP/3 is not offered: Kestrel needs libmsquic,
/// which Debian 12 does not package.
/// </summary>
public static class DohKestrel
{
    private static readonly List<SslApplicationProtocol> s_alpn = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];

    public static void Configure(KestrelServerOptions kestrel, DohSettings settings)
    {
        if (!settings.Enabled)
        {
            return;
        }

        kestrel.Limits.RequestHeadersTimeout = settings.RequestHeadersTimeout;
        kestrel.Limits.KeepAliveTimeout = settings.IdleTimeout;
        kestrel.Limits.Http2.MaxStreamsPerConnection = settings.MaxStreamsPerConnection;
        kestrel.Limits.MaxRequestBodySize = Math.Max(ushort.MaxValue, kestrel.Limits.MaxRequestBodySize ?? 0);
        TcpClientQuota? quota = settings.ConnectionsPerClient > 0 ? new TcpClientQuota(settings.ConnectionsPerClient) : null;
        foreach (IPEndPoint ep in settings.HttpsEndpoints)
        {
            kestrel.Listen(ep, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                if (quota is not null)
                {
                    listen.Use(next => connection => LimitAsync(connection, next, quota, settings, listen.ApplicationServices));
                }

                listen.UseTlsCertificates(() => listen.ApplicationServices.GetRequiredService<TlsCertificateSource>(), s_alpn,
                    settings.HandshakeTimeout);
            });
        }
    }

    /// <summary>Counts the connection against its peer's quota for its lifetime; trusted proxies are not counted.</summary>
    private static async Task LimitAsync(ConnectionContext connection, ConnectionDelegate next, TcpClientQuota quota,
        DohSettings settings, IServiceProvider services)
    {
        if (connection.RemoteEndPoint is not IPEndPoint { Address: var peer } || settings.TrustedProxies.Contains(peer))
        {
            await next(connection).ConfigureAwait(false);
            return;
        }

        if (!quota.TryEnter(peer))
        {
            services.GetRequiredService<DohMetrics>().CountRejected(DohRejectReason.ConnectionLimit);
            Log.ConnectionRefused(services.GetRequiredService<ILogger<DohRequestHandler>>(), peer, quota.Limit);
            return;
        }

        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            quota.Exit(peer);
        }
    }
}
