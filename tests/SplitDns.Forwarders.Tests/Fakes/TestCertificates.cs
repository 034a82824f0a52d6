using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SplitDns.Forwarders.Tests.Fakes;

/// <summary>A self-signed server certificate made in the test (never a file, never the system store).</summary>
public static class TestCertificates
{
    private static readonly Lazy<X509Certificate2> s_server = new(() => Create("upstream.test"));

    /// <summary>Valid for "upstream.test"; trust it through <see cref="Trust"/>.</summary>
    public static X509Certificate2 Server => s_server.Value;

    public static X509Certificate2Collection Trust => [X509CertificateLoader.LoadCertificate(Server.RawData)];

    public static X509Certificate2 Create(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using X509Certificate2 created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));

        // Round-trip through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
