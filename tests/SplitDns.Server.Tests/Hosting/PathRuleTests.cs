using Microsoft.Extensions.Configuration;
using SplitDns.Server.Hosting;
using SplitDns.Server.Updates;

namespace SplitDns.Server.Tests.Hosting;

/// <summary>One rule for every path setting: the --config file's folder, else the working directory.</summary>
public sealed class PathRuleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("splitdns-paths-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void PathBase_WithConfigFile_IsItsFolder()
    {
        string config = Path.Combine(_dir, "etc", "splitdns.json");

        Assert.Equal(Path.Combine(_dir, "etc"), ServerConfiguration.PathBase(["--config", config]));
        Assert.Equal(Path.Combine(_dir, "etc"), ServerConfiguration.PathBase([$"--config={config}", "--SplitDns:Domain=x.test"]));
    }

    [Fact]
    public void PathBase_WithoutConfigFile_IsWorkingDirectory() =>
        Assert.Equal(Directory.GetCurrentDirectory(), ServerConfiguration.PathBase(["--SplitDns:Domain=x.test"]));

    [Fact]
    public void Read_RelativePathSettings_AllResolvedAgainstTheSameBase()
    {
        IConfiguration config = Config(("SplitDns:ZoneDirectory", "zones"), ("SplitDns:Zones:0:File", "example.com.zone"),
            ("SplitDns:Store:Path", "data/splitdns.db"), ("SplitDns:Forwarders:TrustedCaFile", "certs/ca.pem"));
        var errors = new List<string>();

        ServerSettings settings = ServerSettingsReader.Read(config, _dir, errors);
        DynamicSettings dynamic = DynamicSettingsReader.Read(config, settings, errors);

        Assert.Equal(Path.Combine(_dir, "zones"), settings.ZoneDirectory);
        Assert.Equal(Path.Combine(_dir, "zones", "example.com.zone"), settings.Zones[0].File);
        Assert.Equal(Path.Combine(_dir, "data", "splitdns.db"), dynamic.StorePath);

        // The CA file does not exist: the error names where it was looked for.
        Assert.Contains(errors, e => e.StartsWith("SplitDns:Forwarders:TrustedCaFile: " + Path.Combine(_dir, "certs", "ca.pem"), StringComparison.Ordinal));
    }

    [Fact]
    public void Read_AbsolutePathSettings_KeptAsTheyAre()
    {
        string zones = Path.Combine(_dir, "elsewhere");
        string store = Path.Combine(_dir, "db", "s.db");
        IConfiguration config = Config(("SplitDns:ZoneDirectory", zones), ("SplitDns:Store:Path", store));
        var errors = new List<string>();

        ServerSettings settings = ServerSettingsReader.Read(config, "/nonexistent-base", errors);

        Assert.Equal(zones, settings.ZoneDirectory);
        Assert.Equal(store, DynamicSettingsReader.Read(config, settings, errors).StorePath);
        Assert.Empty(errors);
    }

    [Fact]
    public void Read_ZoneDirectoryMissingAtBase_NoFallbackToProgramFolder()
    {
        // The program's folder holds an example zones/ folder; it must not be picked up.
        IConfiguration config = Config(("SplitDns:ZoneDirectory", "zones"));

        ServerSettings settings = ServerSettingsReader.Read(config, _dir, []);

        Assert.Equal(Path.Combine(_dir, "zones"), settings.ZoneDirectory);
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
