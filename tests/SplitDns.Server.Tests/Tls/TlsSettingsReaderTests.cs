using SplitDns.Server.Hosting;
using static SplitDns.Server.Tests.Hosting.SettingsFromArgs;

namespace SplitDns.Server.Tests.Tls;

/// <summary>SplitDns:Tls and SplitDns:Listen:Dot as start-up and <c>splitdns check</c> read them.</summary>
public sealed class TlsSettingsReaderTests : IDisposable
{
    private readonly TestPki _pki = new();

    public void Dispose() => _pki.Dispose();

    [Fact]
    public void Read_Nothing_DotOffNoCertificates()
    {
        (ServerSettings s, List<string> errors) = Read();

        Assert.Empty(errors);
        Assert.Empty(s.Tls.DotEndpoints);
        Assert.Empty(s.Tls.Certificates);
        Assert.Equal(TimeSpan.FromSeconds(30), s.Tls.ReloadCheckInterval);
    }

    [Fact]
    public void Read_DotWithoutCertificate_IsAnError()
    {
        (_, List<string> errors) = Read("--SplitDns:Listen:Dot=127.0.0.1:853");

        Assert.Equal("SplitDns:Listen:Dot: a TLS listener needs a certificate: set SplitDns:Tls:Certificates:0:CertificatePath and "
            + "SplitDns:Tls:Certificates:0:KeyPath (PEM files)", Assert.Single(errors));
    }

    [Fact]
    public void Read_CompletePair_NoErrorsAndHostsNormalized()
    {
        (string cert, string key) = _pki.WriteFlat(Path.Combine(_pki.Directory, "a"), _pki.Issue(["dns.example.test"]));

        (ServerSettings s, List<string> errors) = Read("--SplitDns:Listen:Dot=127.0.0.1:853 [::1]:853",
            $"--SplitDns:Tls:Certificates:0:CertificatePath={cert}", $"--SplitDns:Tls:Certificates:0:KeyPath={key}",
            "--SplitDns:Tls:Certificates:0:Hosts:0=DNS.Example.Test.", "--SplitDns:Tls:ReloadCheckSeconds=5");

        Assert.Empty(errors);
        Assert.Equal(2, s.Tls.DotEndpoints.Count);
        Assert.Equal(["dns.example.test"], s.Tls.Certificates[0].Hosts);
        Assert.Equal(TimeSpan.FromSeconds(5), s.Tls.ReloadCheckInterval);
    }

    [Fact]
    public void Read_MismatchedKey_ErrorNamesKeyFileAndReason()
    {
        (string cert, _) = _pki.WriteFlat(Path.Combine(_pki.Directory, "a"), _pki.Issue(["a.example.test"]));
        (_, string otherKey) = _pki.WriteFlat(Path.Combine(_pki.Directory, "b"), _pki.Issue(["b.example.test"]));

        (_, List<string> errors) = Read("--SplitDns:Listen:Dot=127.0.0.1:853",
            $"--SplitDns:Tls:Certificates:0:CertificatePath={cert}", $"--SplitDns:Tls:Certificates:0:KeyPath={otherKey}");

        Assert.Equal($"SplitDns:Tls:Certificates:0:KeyPath: {otherKey}: the private key does not match the certificate in {cert} (CN=a.example.test)",
            Assert.Single(errors));
    }

    [Theory]
    [InlineData("--SplitDns:Tls:Certificates:0:CertificatePath=/x/tls.crt", "SplitDns:Tls:Certificates:0: set both CertificatePath and KeyPath")]
    [InlineData("--SplitDns:Tls:ReloadCheckSeconds=0", "SplitDns:Tls:ReloadCheckSeconds: '0' is not an integer in 1..86400")]
    [InlineData("--SplitDns:Listen:Dot=853", "SplitDns:Listen:Dot: '853' is not an endpoint")]
    public void Read_BadValue_ErrorNamesTheKey(string arg, string expected)
    {
        (_, List<string> errors) = Read(arg);

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_DotEndpointAlsoPlainDns_IsAnError()
    {
        (string cert, string key) = _pki.WriteFlat(Path.Combine(_pki.Directory, "a"), _pki.Issue(["a.example.test"]));

        (_, List<string> errors) = Read("--SplitDns:Listen:Dns=127.0.0.1:853", "--SplitDns:Listen:Dot=127.0.0.1:853",
            $"--SplitDns:Tls:Certificates:0:CertificatePath={cert}", $"--SplitDns:Tls:Certificates:0:KeyPath={key}");

        Assert.Equal("SplitDns:Listen:Dot: 127.0.0.1:853 is also in SplitDns:Listen:Dns; one TCP port serves either plain DNS or DNS over TLS",
            Assert.Single(errors));
    }

    [Fact]
    public void Read_BadHost_ErrorNamesTheHostKey()
    {
        (string cert, string key) = _pki.WriteFlat(Path.Combine(_pki.Directory, "a"), _pki.Issue(["a.example.test"]));

        (_, List<string> errors) = Read($"--SplitDns:Tls:Certificates:0:CertificatePath={cert}", $"--SplitDns:Tls:Certificates:0:KeyPath={key}",
            "--SplitDns:Tls:Certificates:0:Hosts:0=bad host");

        Assert.Equal("SplitDns:Tls:Certificates:0:Hosts:0: 'bad host' is not a host name (or a '*.example.com' wildcard)", Assert.Single(errors));
    }

    [Fact]
    public void Read_ViewListensOnDotEndpoint_NotAddedAsPlainDns()
    {
        (string cert, string key) = _pki.WriteFlat(Path.Combine(_pki.Directory, "a"), _pki.Issue(["a.example.test"]));

        (ServerSettings s, List<string> errors) = Read("--SplitDns:Listen:Dns=127.0.0.1:53", "--SplitDns:Listen:Dot=127.0.0.1:853",
            $"--SplitDns:Tls:Certificates:0:CertificatePath={cert}", $"--SplitDns:Tls:Certificates:0:KeyPath={key}",
            "--SplitDns:Views:0:Name=private", "--SplitDns:Views:0:Listen=127.0.0.1:853");

        Assert.Empty(errors);
        Assert.Equal([System.Net.IPEndPoint.Parse("127.0.0.1:53")], s.DnsEndpoints);
        Assert.Equal([System.Net.IPEndPoint.Parse("127.0.0.1:853")], s.Views[0].Listen);
    }
}
