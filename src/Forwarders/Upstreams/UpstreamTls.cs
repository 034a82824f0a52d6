using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace SplitDns.Forwarders.Upstreams;

/// <summary>TLS client settings shared by DoT and DoH.</summary>
internal static class UpstreamTls
{
    /// <summary>
    /// Chain and name validation stay on (RFC 8310 §8.1 strict privacy). A private CA replaces
    /// the system trust store only when one is configured.
    /// </summary>
    public static SslClientAuthenticationOptions ClientOptions(string targetHost, X509Certificate2Collection? trustedRoots)
    {
        var options = new SslClientAuthenticationOptions { TargetHost = targetHost };
        if (trustedRoots is { Count: > 0 })
        {
            options.CertificateChainPolicy = ChainPolicy(trustedRoots);
        }

        return options;
    }

    public static X509ChainPolicy ChainPolicy(X509Certificate2Collection trustedRoots)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(trustedRoots);
        return policy;
    }
}
