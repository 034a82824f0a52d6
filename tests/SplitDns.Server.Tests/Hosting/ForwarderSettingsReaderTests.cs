using System.Net;
using SplitDns.Forwarders.Upstreams;
using SplitDns.Protocol.Names;
using SplitDns.Server.Hosting;
using static SplitDns.Server.Tests.Hosting.SettingsFromArgs;

namespace SplitDns.Server.Tests.Hosting;

/// <summary>Configuration binding of SplitDns:Forwarders and SplitDns:RecursionAcl (no traffic is sent).</summary>
public partial class ForwarderSettingsReaderTests
{
    [Fact]
    public void Read_EmbeddedDefaults_UpstreamsInOrderAndLanConditional()
    {
        (ServerSettings s, List<string> errors) = Read(includeDefaults: true);

        Assert.DoesNotContain(errors, e => e.Contains("Forwarders", StringComparison.Ordinal) || e.Contains("RecursionAcl", StringComparison.Ordinal));
        Assert.Equal(["udp://1.1.1.1:53", "udp://8.8.8.8:53"], s.Forwarders.Upstream.Select(u => u.Label));
        Assert.Equal(UpstreamStrategy.Ordered, s.Forwarders.Strategy);
        var lan = Assert.Single(s.Forwarders.Conditional);
        Assert.Equal(DnsName.Parse("lan.example.com."), lan.Zone);
        Assert.Equal("udp://192.168.1.1:53", Assert.Single(lan.Servers).Label);
        Assert.True(s.RecursionAcl.Allows(IPAddress.Parse("100.64.1.1")));
        Assert.False(s.RecursionAcl.Allows(IPAddress.Parse("203.0.113.1")));
    }

    [Fact]
    public void Read_OverrideUpstreamString_ReplacesWholeDefaultList()
    {
        (ServerSettings s, _) = Read(true, "--SplitDns:Forwarders:Upstream=127.0.0.9:5353", "--SplitDns:Domain=home.test");

        Assert.Equal("udp://127.0.0.9:5353", Assert.Single(s.Forwarders.Upstream).Label);
        Assert.Equal(DnsName.Parse("lan.home.test."), s.Forwarders.Conditional[0].Zone);
    }

    [Fact]
    public void Read_StructuredAndShortForms_Parsed()
    {
        (ServerSettings s, List<string> errors) = Read(false,
            "--SplitDns:Forwarders:Upstream:0=tls://127.0.0.9#dot.test",
            "--SplitDns:Forwarders:Upstream:1:Transport=https",
            "--SplitDns:Forwarders:Upstream:1:Url=https://doh.test/dns-query",
            "--SplitDns:Forwarders:Upstream:1:Address=127.0.0.10",
            "--SplitDns:Forwarders:Upstream:1:Method=GET",
            "--SplitDns:Forwarders:Upstream:2:Address=::1",
            "--SplitDns:Forwarders:Upstream:2:Port=5300",
            "--SplitDns:Forwarders:Upstream:2:Transport=tcp",
            "--SplitDns:Forwarders:Strategy=fastest",
            "--SplitDns:Forwarders:Conditional:10.in-addr.arpa=127.0.0.11",
            "--SplitDns:RecursionAcl=127.0.0.1, 10.0.0.0/8");

        Assert.Empty(errors);
        Assert.Equal(["tls://127.0.0.9:853#dot.test", "https://doh.test/dns-query", "tcp://[::1]:5300"], s.Forwarders.Upstream.Select(u => u.Label));
        Assert.True(s.Forwarders.Upstream[1].UseGet);
        Assert.Equal(IPAddress.Parse("127.0.0.10"), s.Forwarders.Upstream[1].Address);
        Assert.Equal(UpstreamStrategy.Fastest, s.Forwarders.Strategy);
        Assert.Equal(DnsName.Parse("10.in-addr.arpa."), s.Forwarders.Conditional[0].Zone);
        Assert.Equal(2, s.RecursionAcl.Networks.Count);
    }

    [Theory]
    [InlineData("--SplitDns:Forwarders:Upstream=dns.google", "SplitDns:Forwarders:Upstream")]
    [InlineData("--SplitDns:Forwarders:Upstream:0=quic://127.0.0.1", "SplitDns:Forwarders:Upstream:0")]
    [InlineData("--SplitDns:Forwarders:Strategy=random", "SplitDns:Forwarders:Strategy")]
    [InlineData("--SplitDns:Forwarders:TryTimeoutMs=0", "SplitDns:Forwarders:TryTimeoutMs")]
    [InlineData("--SplitDns:Forwarders:Cache:MaxEntries=lots", "SplitDns:Forwarders:Cache:MaxEntries")]
    [InlineData("--SplitDns:Forwarders:Conditional:lan=router.home", "SplitDns:Forwarders:Conditional:lan")]
    [InlineData("--SplitDns:RecursionAcl=10.0.0.0/33", "SplitDns:RecursionAcl")]
    public void Read_Invalid_ErrorNamesTheKey(string arg, string key)
    {
        (_, List<string> errors) = Read(false, arg);

        Assert.Contains(errors, e => e.StartsWith(key + ":", StringComparison.Ordinal) || e.StartsWith(key + " ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"Upstream\": \"\", \"Conditional\": { \"lan\": \"\" }")]
    [InlineData("\"Upstream\": [], \"Conditional\": { \"lan\": \"\" }")]
    public void Read_ConfigFileEmptiesDefaults_NoUpstreamAndNoLanForwarder(string forwarders)
    {
        string file = Path.Combine(Directory.CreateTempSubdirectory("splitdns-cfg-").FullName, "config.json");
        File.WriteAllText(file, $$"""{ "SplitDns": { "Forwarders": { {{forwarders}} } } }""");

        (ServerSettings s, List<string> errors) = Read(true, "--config", file);

        Assert.Empty(errors);
        Assert.Empty(s.Forwarders.Upstream);
        Assert.Empty(s.Forwarders.Conditional);
        Assert.Empty(s.Views[^1].Upstream);
        Assert.Empty(s.Views[^1].Conditional);
    }
}
