using SplitDns.Protocol.Names;
using SplitDns.Server.Hosting;
using static SplitDns.Server.Tests.Hosting.SettingsFromArgs;

namespace SplitDns.Server.Tests.Hosting;

/// <summary>Configuration of SplitDns:Views: inheritance, the catch-all, and errors naming their key.</summary>
public class ViewSettingsReaderTests
{
    [Fact]
    public void Read_NoViews_OneDefaultCatchAllWithGlobalForwarders()
    {
        (ServerSettings s, List<string> errors) = Read(false, "--SplitDns:Forwarders:Upstream=127.0.0.9", "--SplitDns:Forwarders:Conditional:lan=127.0.0.8");

        Assert.Empty(errors);
        ViewSettings view = Assert.Single(s.Views);
        Assert.Equal("default", view.Name);
        Assert.True(view.IsCatchAll);
        Assert.Equal("udp://127.0.0.9:53", Assert.Single(view.Upstream).Label);
        Assert.Equal(DnsName.Parse("lan.example.com."), Assert.Single(view.Conditional).Zone);
        Assert.Null(view.SharedZones);
    }

    [Fact]
    public void Read_ViewOverrides_InheritsTheRest()
    {
        (ServerSettings s, List<string> errors) = Read(false,
            "--SplitDns:Forwarders:Upstream=127.0.0.9", "--SplitDns:Forwarders:Conditional:lan=127.0.0.8",
            "--SplitDns:Forwarders:Conditional:corp.test.=127.0.0.7",
            "--SplitDns:Views:0:Name=Pods", "--SplitDns:Views:0:Networks=10.42.0.0/16",
            "--SplitDns:Views:0:Forwarders:Conditional:lan=", "--SplitDns:Views:0:Forwarders:Conditional:corp.test.=127.0.0.6",
            "--SplitDns:Views:1:Name=lab", "--SplitDns:Views:1:Networks=10.9.0.0/16", "--SplitDns:Views:1:Forwarders:Upstream=");

        Assert.Empty(errors);
        Assert.Equal(["pods", "lab", "default"], s.Views.Select(v => v.Name));
        ViewSettings pods = s.Views[0];
        Assert.Equal("udp://127.0.0.9:53", Assert.Single(pods.Upstream).Label);
        var corp = Assert.Single(pods.Conditional);
        Assert.Equal("udp://127.0.0.6:53", Assert.Single(corp.Servers).Label);
        Assert.Empty(s.Views[1].Upstream);
        Assert.Equal(2, s.Views[1].Conditional.Count);
        Assert.Equal(2, s.Views[2].Conditional.Count);
    }

    [Fact]
    public void Read_ViewZonesAndListen_ZoneOwnedByViewAndListenerAdded()
    {
        (ServerSettings s, List<string> errors) = Read(false,
            "--SplitDns:Listen:Dns=127.0.0.1:5300",
            "--SplitDns:Zones:0:File=example.com.zone",
            "--SplitDns:Views:0:Name=vip2", "--SplitDns:Views:0:Listen=127.0.0.2:5300", "--SplitDns:Views:0:SharedZones=",
            "--SplitDns:Views:1:Name=ts", "--SplitDns:Views:1:Networks=100.64.0.0/10",
            "--SplitDns:Views:1:Zones:0:File=ts.zone", "--SplitDns:Views:1:SharedZones:0=example.com");

        Assert.Empty(errors);
        Assert.Equal(["127.0.0.1:5300", "127.0.0.2:5300"], s.DnsEndpoints.Select(e => e.ToString()));
        Assert.Equal(["", "ts"], s.Zones.Select(z => z.View));
        Assert.Empty(s.Views[0].SharedZones!);
        Assert.Equal(DnsName.Parse("example.com."), Assert.Single(s.Views[1].SharedZones!));
    }

    [Theory]
    [InlineData("SplitDns:Views:0:Name", "--SplitDns:Views:0:Name=bad name", "--SplitDns:Views:0:Networks=10.0.0.0/8")]
    [InlineData("SplitDns:Views:1:Name", "--SplitDns:Views:0:Name=a", "--SplitDns:Views:0:Networks=10.0.0.0/8", "--SplitDns:Views:1:Name=A", "--SplitDns:Views:1:Networks=10.1.0.0/16")]
    [InlineData("SplitDns:Views:0:Networks", "--SplitDns:Views:0:Name=a", "--SplitDns:Views:0:Networks=10.0.0.0/33")]
    [InlineData("SplitDns:Views:0", "--SplitDns:Views:0:Name=all", "--SplitDns:Views:1:Name=b", "--SplitDns:Views:1:Networks=10.0.0.0/8")]
    [InlineData("SplitDns:Views", "--SplitDns:Views:0:Name=default", "--SplitDns:Views:0:Networks=10.0.0.0/8")]
    [InlineData("SplitDns:Views:0:SharedZones", "--SplitDns:Views:0:Name=a", "--SplitDns:Views:0:Networks=10.0.0.0/8", "--SplitDns:Views:0:SharedZones=other.test")]
    [InlineData("SplitDns:Views:0:Recursion", "--SplitDns:Views:0:Name=a", "--SplitDns:Views:0:Networks=10.0.0.0/8", "--SplitDns:Views:0:Recursion=maybe")]
    [InlineData("SplitDns:Views:0:Listen", "--SplitDns:Views:0:Name=a", "--SplitDns:Views:0:Listen=localhost:53")]
    [InlineData("SplitDns:Views:0:Forwarders:Conditional:lan", "--SplitDns:Views:0:Name=a", "--SplitDns:Views:0:Networks=10.0.0.0/8", "--SplitDns:Views:0:Forwarders:Conditional:lan=router")]
    public void Read_Invalid_ErrorNamesTheKey(string key, params string[] args)
    {
        (_, List<string> errors) = Read(false, args);

        Assert.Contains(errors, e => e.StartsWith(key + ":", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_EmbeddedDefaults_HomePodsTailscaleThenDefault()
    {
        (ServerSettings s, List<string> errors) = Read(true);

        Assert.DoesNotContain(errors, e => e.Contains("Views", StringComparison.Ordinal));
        Assert.Equal(["home", "pods", "tailscale", "default"], s.Views.Select(v => v.Name));
        Assert.Equal(["10.42.0.0/16", "10.43.0.0/16"], s.Views[1].Networks.Networks.Select(n => n.ToString()));
    }

    [Theory]
    [InlineData("\"Views\": [ { \"Name\": \"lan\", \"Networks\": \"192.168.10.0/24\" } ]", new[] { "lan", "default" })]
    [InlineData("\"Views\": []", new[] { "default" })]
    [InlineData("\"Domain\": \"home.test\"", new[] { "home", "pods", "tailscale", "default" })]
    public void Read_ConfigFileViews_ReplaceTheDefaultListWhole(string json, string[] expected)
    {
        string file = Path.Combine(Directory.CreateTempSubdirectory("splitdns-cfg-").FullName, "config.json");
        File.WriteAllText(file, $$"""{ "SplitDns": { {{json}} } }""");

        (ServerSettings s, List<string> errors) = Read(true, "--config", file);

        Assert.DoesNotContain(errors, e => e.Contains("Views", StringComparison.Ordinal));
        Assert.Equal(expected, s.Views.Select(v => v.Name));
    }

    [Fact]
    public void Read_ConfigFileViewsAndEnvironmentStyleOverride_OverrideAppliesToFileList()
    {
        string file = Path.Combine(Directory.CreateTempSubdirectory("splitdns-cfg-").FullName, "config.json");
        File.WriteAllText(file, """{ "SplitDns": { "Views": [ { "Name": "lan", "Networks": "192.168.10.0/24" } ] } }""");

        (ServerSettings s, _) = Read(true, "--config", file, "--SplitDns:Views:0:Networks=192.168.20.0/24");

        Assert.Equal("192.168.20.0/24", Assert.Single(s.Views[0].Networks.Networks).ToString());
    }
}
