using System.Net;
using SplitDns.Server.Hosting;
using SplitDns.Server.Listeners.Doh;
using static SplitDns.Server.Tests.Hosting.SettingsFromArgs;

namespace SplitDns.Server.Tests.Listeners.Doh;

/// <summary>Configuration binding of SplitDns:Listen:Https and SplitDns:Doh (no traffic is sent).</summary>
public class DohSettingsReaderTests
{
    [Fact]
    public void Read_Nothing_OffWithDocumentedDefaults()
    {
        (ServerSettings s, List<string> errors) = Read();

        Assert.DoesNotContain(errors, e => e.Contains("Doh", StringComparison.Ordinal) || e.Contains("Https", StringComparison.Ordinal));
        Assert.False(s.Doh.Enabled);
        Assert.Empty(s.Doh.HttpsEndpoints);
        Assert.Equal("/dns-query", s.Doh.Path);
        Assert.False(s.Doh.AllowPlainHttp);
        Assert.Equal(0, s.Doh.TrustedProxies.Count);
        Assert.Equal(64, s.Doh.ConnectionsPerClient);
        Assert.Equal(TimeSpan.FromSeconds(10), s.Doh.RequestHeadersTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), s.Doh.IdleTimeout);
        Assert.Equal(100, s.Doh.MaxStreamsPerConnection);
    }

    [Fact]
    public void Read_Overrides_Applied()
    {
        (ServerSettings s, List<string> errors) = Read("--SplitDns:Doh:AllowPlainHttp=true", "--SplitDns:Doh:TrustedProxies=10.42.0.0/16,fd00::/64",
            "--SplitDns:Doh:Path=/resolve", "--SplitDns:Doh:ConnectionsPerClient=0", "--SplitDns:Doh:IdleTimeoutSeconds=5");

        Assert.DoesNotContain(errors, e => e.Contains("Doh", StringComparison.Ordinal));
        Assert.True(s.Doh.Enabled);
        Assert.Equal("/resolve", s.Doh.Path);
        Assert.Equal(2, s.Doh.TrustedProxies.Count);
        Assert.True(s.Doh.TrustedProxies.Contains(IPAddress.Parse("10.42.3.4")));
        Assert.Equal(0, s.Doh.ConnectionsPerClient);
        Assert.Equal(TimeSpan.FromSeconds(5), s.Doh.IdleTimeout);
    }

    [Fact]
    public void Read_HttpsWithoutCertificate_ErrorNamesKey()
    {
        (_, List<string> errors) = Read("--SplitDns:Listen:Https=127.0.0.1:8443");

        Assert.Contains(errors, e => e.StartsWith("SplitDns:Listen:Https: ", StringComparison.Ordinal) && e.Contains("SplitDns:Tls:Certificates", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_Http3_RefusedWithReason()
    {
        (_, List<string> errors) = Read("--SplitDns:Doh:Http3=true");

        Assert.Contains(errors, e => e.StartsWith("SplitDns:Doh:Http3: ", StringComparison.Ordinal) && e.Contains("libmsquic", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--SplitDns:Doh:Path=dns-query", "SplitDns:Doh:Path")]
    [InlineData("--SplitDns:Doh:Path=/dns?x", "SplitDns:Doh:Path")]
    [InlineData("--SplitDns:Doh:TrustedProxies=10.42.0.0/99", "SplitDns:Doh:TrustedProxies")]
    [InlineData("--SplitDns:Doh:AllowPlainHttp=maybe", "SplitDns:Doh:AllowPlainHttp")]
    [InlineData("--SplitDns:Doh:MaxStreamsPerConnection=0", "SplitDns:Doh:MaxStreamsPerConnection")]
    [InlineData("--SplitDns:Listen:Https=localhost:443", "SplitDns:Listen:Https")]
    public void Read_Invalid_ErrorNamesKey(string arg, string key)
    {
        (_, List<string> errors) = Read(arg);

        Assert.Contains(errors, e => e.StartsWith(key, StringComparison.Ordinal));
    }
}
