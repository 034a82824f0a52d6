using Microsoft.Extensions.Logging.Abstractions;
using SplitDns.Server.Hosting;
using SplitDns.Server.Tls;

namespace SplitDns.Server.Tests.Tls;

/// <summary>
/// The certificate source over real PEM files made by a test CA: loading, SNI selection, reload
/// on a content change (flat files and a Kubernetes Secret volume's ..data swap), a bad new pair
/// keeping the old one, and the reload metric.
/// </summary>
public sealed class TlsCertificateSourceTests : IDisposable
{
    private readonly TestPki _pki = new();

    public void Dispose() => _pki.Dispose();

    private static TlsCertificateSettings Entry(string cert, string key, int index = 0, params string[] hosts) =>
        new(cert, key, null, hosts, $"SplitDns:Tls:Certificates:{index}");

    private static TlsSettings Settings(params TlsCertificateSettings[] certificates) =>
        new() { Certificates = certificates, ReloadCheckInterval = TimeSpan.FromSeconds(1) };

    [Fact]
    public void Load_EcdsaPair_ServesItWithItsSanNames()
    {
        IssuedCertificate issued = _pki.Issue(["dns.example.test", "*.dns.example.test"]);
        (string cert, string key) = _pki.WriteFlat(Path.Combine(_pki.Directory, "a"), issued);

        using TlsCertificateSource source = TlsCertificateSource.Load(Settings(Entry(cert, key)), NullLogger.Instance);

        TlsCertificate c = Assert.Single(source.Current);
        Assert.Equal(issued.Thumbprint, c.Leaf.Thumbprint);
        Assert.True(c.Leaf.HasPrivateKey);
        Assert.Equal(["dns.example.test", "*.dns.example.test"], c.Hosts);
    }

    [Fact]
    public void Load_RsaPkcs1Key_Loads()
    {
        IssuedCertificate issued = _pki.Issue(["rsa.example.test"], rsa: true);
        Assert.Contains("BEGIN RSA PRIVATE KEY", issued.KeyPem, StringComparison.Ordinal);
        (string cert, string key) = _pki.WriteFlat(Path.Combine(_pki.Directory, "rsa"), issued);

        using TlsCertificateSource source = TlsCertificateSource.Load(Settings(Entry(cert, key)), NullLogger.Instance);

        Assert.Equal(issued.Thumbprint, source.Current[0].Leaf.Thumbprint);
    }

    [Fact]
    public void Load_KeyOfAnotherCertificate_ThrowsNamingKeyFileAndReason()
    {
        (string cert, _) = _pki.WriteFlat(Path.Combine(_pki.Directory, "a"), _pki.Issue(["a.example.test"]));
        (_, string otherKey) = _pki.WriteFlat(Path.Combine(_pki.Directory, "b"), _pki.Issue(["b.example.test"]));

        var ex = Assert.Throws<ServerConfigurationException>(() =>
            TlsCertificateSource.Load(Settings(Entry(cert, otherKey)), NullLogger.Instance));

        string error = Assert.Single(ex.Errors);
        Assert.Equal($"SplitDns:Tls:Certificates:0:KeyPath: {otherKey}: the private key does not match the certificate in {cert} (CN=a.example.test)", error);
    }

    [Fact]
    public void Load_RsaKeyForEcdsaCertificate_IsAMismatch()
    {
        (string cert, _) = _pki.WriteFlat(Path.Combine(_pki.Directory, "a"), _pki.Issue(["a.example.test"]));
        (_, string rsaKey) = _pki.WriteFlat(Path.Combine(_pki.Directory, "b"), _pki.Issue(["b.example.test"], rsa: true));

        var ex = Assert.Throws<ServerConfigurationException>(() => TlsCertificateSource.Load(Settings(Entry(cert, rsaKey)), NullLogger.Instance));

        Assert.Contains("the private key does not match the certificate", Assert.Single(ex.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingKeyFile_ThrowsFileNotFound()
    {
        (string cert, string key) = _pki.WriteFlat(Path.Combine(_pki.Directory, "a"), _pki.Issue(["a.example.test"]));
        File.Delete(key);

        var ex = Assert.Throws<ServerConfigurationException>(() => TlsCertificateSource.Load(Settings(Entry(cert, key)), NullLogger.Instance));

        Assert.Equal($"SplitDns:Tls:Certificates:0:KeyPath: {key}: file not found", Assert.Single(ex.Errors));
    }

    [Fact]
    public void Load_CertificateFileHoldsAKey_ThrowsNoCertificate()
    {
        (_, string key) = _pki.WriteFlat(Path.Combine(_pki.Directory, "a"), _pki.Issue(["a.example.test"]));

        var ex = Assert.Throws<ServerConfigurationException>(() => TlsCertificateSource.Load(Settings(Entry(key, key)), NullLogger.Instance));

        Assert.Equal($"SplitDns:Tls:Certificates:0:CertificatePath: {key}: no PEM 'BEGIN CERTIFICATE' block", Assert.Single(ex.Errors));
    }

    [Fact]
    public void Load_KeyFileHoldsACertificate_ThrowsNoPrivateKey()
    {
        (string cert, _) = _pki.WriteFlat(Path.Combine(_pki.Directory, "a"), _pki.Issue(["a.example.test"]));

        var ex = Assert.Throws<ServerConfigurationException>(() => TlsCertificateSource.Load(Settings(Entry(cert, cert)), NullLogger.Instance));

        Assert.StartsWith($"SplitDns:Tls:Certificates:0:KeyPath: {cert}: no unencrypted PEM private key", Assert.Single(ex.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LeafAndIntermediatesInOneFile_SendsTheChain()
    {
        IssuedCertificate issued = _pki.Issue(["a.example.test"]);
        string dir = Path.Combine(_pki.Directory, "chain");
        Directory.CreateDirectory(dir);
        string cert = Path.Combine(dir, "tls.crt");
        File.WriteAllText(cert, issued.CertificatePem + _pki.Ca.ExportCertificatePem() + "\n");
        string key = Path.Combine(dir, "tls.key");
        File.WriteAllText(key, issued.KeyPem);

        using TlsCertificateSource source = TlsCertificateSource.Load(Settings(Entry(cert, key)), NullLogger.Instance);

        Assert.Equal(issued.Thumbprint, source.Current[0].Leaf.Thumbprint);
        Assert.NotNull(source.Select(null));
    }

    [Theory]
    [InlineData("b.example.test", 1)]
    [InlineData("B.Example.Test.", 1)]
    [InlineData("x.wild.example.test", 2)]
    [InlineData("exact.wild.example.test", 3)]
    [InlineData("a.b.wild.example.test", 0)]
    [InlineData("wild.example.test", 0)]
    [InlineData("unknown.example.test", 0)]
    [InlineData(null, 0)]
    [InlineData("", 0)]
    public void SelectCertificate_SniName_PicksExactThenWildcardThenFirst(string? sni, int expected)
    {
        var entries = new TlsCertificateSettings[4];
        string[][] names = [["a.example.test"], ["b.example.test"], ["*.wild.example.test"], ["exact.wild.example.test"]];
        var thumbprints = new string[4];
        for (int i = 0; i < 4; i++)
        {
            IssuedCertificate issued = _pki.Issue(names[i]);
            thumbprints[i] = issued.Thumbprint;
            (string cert, string key) = _pki.WriteFlat(Path.Combine(_pki.Directory, "c" + i), issued);
            entries[i] = Entry(cert, key, i);
        }

        using TlsCertificateSource source = TlsCertificateSource.Load(Settings(entries), NullLogger.Instance);

        Assert.Equal(thumbprints[expected], source.SelectCertificate(sni).Leaf.Thumbprint);
    }

    [Fact]
    public void SelectCertificate_ConfiguredHosts_OverrideTheCertificatesNames()
    {
        (string cert0, string key0) = _pki.WriteFlat(Path.Combine(_pki.Directory, "c0"), _pki.Issue(["a.example.test"]));
        IssuedCertificate second = _pki.Issue(["b.example.test"]);
        (string cert1, string key1) = _pki.WriteFlat(Path.Combine(_pki.Directory, "c1"), second);

        using TlsCertificateSource source = TlsCertificateSource.Load(
            Settings(Entry(cert0, key0), Entry(cert1, key1, 1, "dot.example.test")), NullLogger.Instance);

        Assert.Equal(second.Thumbprint, source.SelectCertificate("dot.example.test").Leaf.Thumbprint);
        Assert.NotEqual(second.Thumbprint, source.SelectCertificate("b.example.test").Leaf.Thumbprint);
    }
}
