using SplitDns.Server.Hosting;

namespace SplitDns.Server.Tests.Hosting;

/// <summary>
/// The shipped defaults (public upstreams, the router's lan forwarder, the StevenBlack list, the
/// home/pods/tailscale views) can each be removed from a --config file, as the README shows.
/// </summary>
public sealed class RemovingDefaultsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("splitdns-defaults-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Defaults_ShipUpstreamsLanForwarderListAndThreeViews()
    {
        (ServerSettings s, List<string> errors) = Read();

        Assert.Empty(errors);
        Assert.Equal(2, s.Forwarders.Upstream.Count);
        Assert.Single(s.Forwarders.Conditional);
        Assert.Equal("stevenblack", Assert.Single(s.Blocking.Options.Lists).Name);
        Assert.Equal(["home", "pods", "tailscale", "default"], s.Views.Select(v => v.Name));
        Assert.True(s.Views[0].Blocking.Enabled);
        Assert.False(s.Views[1].Blocking.Enabled);
    }

    [Fact]
    public void ConfigFile_EmptyValues_RemoveUpstreamsLanForwarderAndList()
    {
        string config = Path.Combine(_dir, "splitdns.json");
        File.WriteAllText(config, """
            { "SplitDns": { "Blocking": { "Lists": { "stevenblack": "" } },
                            "Forwarders": { "Upstream": "", "Conditional": { "lan": "" } } } }
            """);

        (ServerSettings s, List<string> errors) = Read("--config", config);

        Assert.Empty(errors);
        Assert.Empty(s.Forwarders.Upstream);
        Assert.Empty(s.Forwarders.Conditional);
        Assert.Empty(s.Blocking.Options.Lists);
        Assert.All(s.Views, v => Assert.Empty(v.Upstream));
        Assert.All(s.Views, v => Assert.Empty(v.Conditional));
        Assert.All(s.Views, v => Assert.False(v.Blocking.Enabled));
    }

    [Fact]
    public void ConfigFile_Views_ReplaceTheDefaultViewsWhole()
    {
        string config = Path.Combine(_dir, "splitdns.json");
        File.WriteAllText(config, """
            { "SplitDns": { "Blocking": { "Lists": { "stevenblack": "" } },
                            "Views": [ { "Name": "lan", "Networks": "192.168.1.0/24" } ] } }
            """);

        (ServerSettings s, List<string> errors) = Read("--config", config);

        Assert.Empty(errors);
        Assert.Equal(["lan", "default"], s.Views.Select(v => v.Name));
    }

    private static (ServerSettings Settings, List<string> Errors) Read(params string[] args) =>
        SettingsFromArgs.Read(includeDefaults: true, args);
}
