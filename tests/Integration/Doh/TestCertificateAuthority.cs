using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SplitDns.Integration.Tests.Doh;

/// <summary>
/// A throwaway CA made in the test: a root and a leaf for <see cref="HostName"/> (and the
/// server's loopback address, for clients that connect by address), written as PEM files the
/// way a cert-manager Secret mounts them (tls.crt, tls.key, ca.crt).
/// </summary>
public sealed class TestCertificateAuthority
{
    public const string HostName = "dns.test.example";

    public TestCertificateAuthority(string directory, IPAddress address)
    {
        using ECDsa rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=SplitDns test root", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 root = rootRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        using ECDsa leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=" + HostName, leafKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(HostName);
        names.AddIpAddress(address);
        leafRequest.CertificateExtensions.Add(names.Build());
        leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        leafRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        leafRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        using X509Certificate2 leaf = leafRequest.Create(root, now.AddDays(-1), now.AddDays(30), RandomNumberGenerator.GetBytes(12));

        Root = X509CertificateLoader.LoadCertificate(root.RawData);
        CertificatePath = Path.Combine(directory, "tls.crt");
        KeyPath = Path.Combine(directory, "tls.key");
        CaPath = Path.Combine(directory, "ca.crt");
        File.WriteAllText(CertificatePath, leaf.ExportCertificatePem() + "\n");
        File.WriteAllText(KeyPath, leafKey.ExportPkcs8PrivateKeyPem() + "\n");
        File.WriteAllText(CaPath, root.ExportCertificatePem() + "\n");
    }

    /// <summary>The root, without its key: what a client trusts.</summary>
    public X509Certificate2 Root { get; }

    public string CertificatePath { get; }

    public string KeyPath { get; }

    public string CaPath { get; }
}
