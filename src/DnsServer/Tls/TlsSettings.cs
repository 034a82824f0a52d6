using System.Net;

namespace SplitDns.Server.Tls;

/// <summary>
/// TLS for the encrypted listeners (SplitDns:Tls) and where DNS over TLS listens
/// (SplitDns:Listen:Dot), read by <see cref="TlsSettingsReader"/>. The certificates are shared
/// by every TLS listener (DoT and DoH) through one <see cref="TlsCertificateSource"/>.
/// </summary>
public sealed class TlsSettings
{
    /// <summary>
    /// Certificate and key pairs (SplitDns:Tls:Certificates), in order: the first is the default
    /// when the client's SNI name matches no other (or it sent none).
    /// </summary>
    public IReadOnlyList<TlsCertificateSettings> Certificates { get; init; } = [];

    /// <summary>
    /// How often the files are re-read to catch a change the file watcher missed
    /// (SplitDns:Tls:ReloadCheckSeconds, 30 by default).
    /// </summary>
    public TimeSpan ReloadCheckInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>DNS over TLS listener endpoints (SplitDns:Listen:Dot); empty (the default) is off. RFC 7858 uses port 853.</summary>
    public IReadOnlyList<IPEndPoint> DotEndpoints { get; init; } = [];

    /// <summary>True when a TLS listener can start: at least one certificate is configured.</summary>
    public bool HasCertificates => Certificates.Count > 0;
}
