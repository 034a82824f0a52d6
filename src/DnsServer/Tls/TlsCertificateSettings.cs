namespace SplitDns.Server.Tls;

/// <summary>
/// One certificate (SplitDns:Tls:Certificates:N): PEM files as a cert-manager Secret mounts them
/// (tls.crt: the certificate, then any intermediates; tls.key: its private key, PKCS#1, PKCS#8
/// or SEC1, unencrypted; ca.crt: optional, more chain certificates) and the SNI host names it is for.
/// </summary>
/// <param name="CertificatePath">Absolute path of the PEM certificate file (leaf first).</param>
/// <param name="KeyPath">Absolute path of the PEM private key file.</param>
/// <param name="ChainPath">Absolute path of a PEM file of further chain certificates, or null.</param>
/// <param name="Hosts">
/// SNI names it is chosen for, lowercased, without a trailing dot; "*.example.com" matches one
/// label. Empty: the certificate's own DNS names (subject alternative names).
/// </param>
/// <param name="ConfigKey">The configuration key, for error messages (SplitDns:Tls:Certificates:0).</param>
public sealed record TlsCertificateSettings(string CertificatePath, string KeyPath, string? ChainPath, IReadOnlyList<string> Hosts,
    string ConfigKey);
