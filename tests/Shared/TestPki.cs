using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SplitDns.Tests.Shared;

/// <summary>
/// A throw-away certificate authority for TLS tests: a CA made in the test (never trusted by the
/// system), server certificates it signs, written as PEM files the way cert-manager's Secret
/// holds them (tls.crt, tls.key, ca.crt), flat or as a Kubernetes Secret volume (..data symlink).
/// </summary>
public sealed class TestPki : IDisposable
{
    private readonly ECDsa _caKey;

    public TestPki()
    {
        Directory = Path.Combine(Path.GetTempPath(), "splitdns-pki-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Directory);
        _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=SplitDns Test CA", _caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        CaPath = Path.Combine(Directory, "ca.pem");
        File.WriteAllText(CaPath, Ca.ExportCertificatePem() + "\n");
    }

    /// <summary>A temporary folder for this PKI's files; deleted on dispose.</summary>
    public string Directory { get; }

    public X509Certificate2 Ca { get; }

    /// <summary>The CA certificate as PEM (for kdig +tls-ca=FILE, curl --cacert).</summary>
    public string CaPath { get; }

    /// <summary>A server certificate for <paramref name="dnsNames"/> (and 127.0.0.1), signed by the CA.</summary>
    public IssuedCertificate Issue(string[] dnsNames, bool rsa = false, DateTimeOffset? notAfter = null)
    {
        using AsymmetricAlgorithm key = rsa ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        CertificateRequest request = key is RSA r
            ? new CertificateRequest("CN=" + dnsNames[0], r, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest("CN=" + dnsNames[0], (ECDsa)key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (string name in dnsNames)
        {
            san.AddDnsName(name);
        }

        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Ca, true, false));
        byte[] serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7f;
        // The CA signs with its ECDSA key whatever the leaf's algorithm.
        using X509Certificate2 certificate = request.Create(Ca.SubjectName, X509SignatureGenerator.CreateForECDsa(_caKey),
            DateTimeOffset.UtcNow.AddMinutes(-5), notAfter ?? DateTimeOffset.UtcNow.AddDays(30), serial);
        string keyPem = key is RSA rk ? rk.ExportRSAPrivateKeyPem() : ((ECDsa)key).ExportPkcs8PrivateKeyPem();
        return new IssuedCertificate(certificate.ExportCertificatePem() + "\n", keyPem + "\n", certificate.Thumbprint, certificate.NotAfter);
    }

    /// <summary>Writes tls.crt, tls.key and ca.crt into <paramref name="directory"/> (created), each replaced by a rename.</summary>
    public (string Certificate, string Key) WriteFlat(string directory, IssuedCertificate issued)
    {
        System.IO.Directory.CreateDirectory(directory);
        string cert = Path.Combine(directory, "tls.crt");
        string key = Path.Combine(directory, "tls.key");
        Replace(cert, issued.CertificatePem);
        Replace(key, issued.KeyPem);
        Replace(Path.Combine(directory, "ca.crt"), Ca.ExportCertificatePem() + "\n");
        return (cert, key);
    }

    /// <summary>
    /// Writes the files as kubelet projects a Secret volume: a timestamped folder with the
    /// files, "..data" a symlink to it, and tls.crt, tls.key, ca.crt symlinks through "..data".
    /// Called again, it makes a new folder and swaps "..data" atomically (rename), as kubelet does.
    /// </summary>
    public (string Certificate, string Key) WriteSecretVolume(string directory, IssuedCertificate issued)
    {
        System.IO.Directory.CreateDirectory(directory);
        string stamp = "..2026_" + Guid.NewGuid().ToString("N")[..8];
        string payload = Path.Combine(directory, stamp);
        System.IO.Directory.CreateDirectory(payload);
        File.WriteAllText(Path.Combine(payload, "tls.crt"), issued.CertificatePem);
        File.WriteAllText(Path.Combine(payload, "tls.key"), issued.KeyPem);
        File.WriteAllText(Path.Combine(payload, "ca.crt"), Ca.ExportCertificatePem() + "\n");
        string temp = Path.Combine(directory, "..data_tmp");
        File.CreateSymbolicLink(temp, stamp);
        Rename(temp, Path.Combine(directory, "..data"));
        foreach (string name in (string[])["tls.crt", "tls.key", "ca.crt"])
        {
            string link = Path.Combine(directory, name);
            if (!File.Exists(link))
            {
                File.CreateSymbolicLink(link, Path.Combine("..data", name));
            }
        }

        return (Path.Combine(directory, "tls.crt"), Path.Combine(directory, "tls.key"));
    }

    private static void Replace(string path, string text)
    {
        string temp = path + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }

    // rename(2) over an existing symlink, as kubelet's atomic writer does (mv -T: never into the target folder).
    private static void Rename(string from, string to)
    {
        using var mv = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("mv", ["-Tf", from, to])
        {
            UseShellExecute = false,
        })!;
        if (!mv.WaitForExit(10_000) || mv.ExitCode != 0)
        {
            throw new IOException($"mv -Tf {from} {to} failed");
        }
    }

    public void Dispose()
    {
        _caKey.Dispose();
        Ca.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A server still holds a watcher on it; the temp folder is cleaned later.
        }
    }
}

/// <summary>A server certificate made by <see cref="TestPki"/>: PEM texts and its SHA-1 thumbprint (what a client saw).</summary>
public sealed record IssuedCertificate(string CertificatePem, string KeyPem, string Thumbprint, DateTime NotAfter);
