using System.Net.Security;
using System.Security.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace SplitDns.Server.Tls;

public static class TlsListenOptionsExtensions
{
    /// <summary>
    /// Terminates TLS on a Kestrel endpoint with the source's certificates: each handshake gets
    /// the certificate for its SNI name as serving at that moment, so a reload reaches new
    /// connections without a restart. TLS 1.2 and 1.3 only (RFC 8310 §9, RFC 9325 §3.1.1).
    /// <paramref name="applicationProtocols"/> is the ALPN list (DoT: "dot"; DoH: h2, http/1.1).
    /// </summary>
    public static ListenOptions UseTlsCertificates(this ListenOptions listen, Func<TlsCertificateSource> source,
        List<SslApplicationProtocol> applicationProtocols, TimeSpan handshakeTimeout)
    {
        return listen.UseHttps(new TlsHandshakeCallbackOptions
        {
            HandshakeTimeout = handshakeTimeout,
            OnConnection = context => ValueTask.FromResult(new SslServerAuthenticationOptions
            {
                ServerCertificateContext = source().Select(context.ClientHelloInfo.ServerName),
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                ApplicationProtocols = applicationProtocols,
                ClientCertificateRequired = false,
            }),
        });
    }
}
