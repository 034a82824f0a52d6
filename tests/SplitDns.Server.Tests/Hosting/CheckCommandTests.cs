using SplitDns.Server.Hosting;

namespace SplitDns.Server.Tests.Hosting;

/// <summary><c>splitdns check</c> on good and broken configurations and zones.</summary>
public sealed class CheckCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("splitdns-check-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int Code, string Out, string Err) Check(string zoneText, string extraJson = "")
    {
        File.WriteAllText(Path.Combine(_dir, "z.zone"), zoneText);
        string config = Path.Combine(_dir, "config.json");
        File.WriteAllText(config, $$"""
            { "SplitDns": { "Domain": "home.test", "ZoneDirectory": "{{_dir}}", "Zones": [ { "File": "z.zone" } ] {{extraJson}} } }
            """);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CheckCommand.Run(["--config", config], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Run_GoodConfigAndZone_ExitsZero()
    {
        var (code, output, _) = Check("$TTL 60\n@ SOA ns hostmaster 5 1 1 1 1\n@ NS ns\nns A 192.0.2.1\n");

        Assert.Equal(0, code);
        Assert.Contains("zone home.test.: loaded serial 5, 3 records", output);
    }

    [Fact]
    public void Run_ZoneSyntaxError_ReportsFileLineAndExitsOne()
    {
        var (code, _, err) = Check("$TTL 60\n@ SOA ns hostmaster 5 1 1 1 1\nwww A 999.1.1.1\n");

        Assert.Equal(1, code);
        Assert.Contains("z.zone:3:", err);
    }

    [Fact]
    public void Run_ZoneWithoutSoa_ReportsReason()
    {
        var (code, _, err) = Check("$TTL 60\nwww A 192.0.2.1\n");

        Assert.Equal(1, code);
        Assert.Contains("no SOA", err);
    }

    [Fact]
    public void Run_BadConfigValue_ReportsKey()
    {
        var (code, _, err) = Check("$TTL 60\n@ SOA ns hostmaster 5 1 1 1 1\n", """, "Tcp": { "IdleTimeoutSeconds": "0" }""");

        Assert.Equal(1, code);
        Assert.Contains("SplitDns:Tcp:IdleTimeoutSeconds: '0' is not an integer in 1..3600", err);
    }

    [Fact]
    public void Run_MissingConfigFile_Reported()
    {
        var stderr = new StringWriter();

        int code = CheckCommand.Run(["--config", Path.Combine(_dir, "nope.json")], TextWriter.Null, stderr);

        Assert.Equal(1, code);
        Assert.Contains("--config: file", stderr.ToString());
    }

    [Fact]
    public void Run_InvalidJson_Reported()
    {
        string config = Path.Combine(_dir, "bad.json");
        File.WriteAllText(config, "{ \"SplitDns\": ");
        var stderr = new StringWriter();

        int code = CheckCommand.Run(["--config", config], TextWriter.Null, stderr);

        Assert.Equal(1, code);
        Assert.Contains("not valid JSON", stderr.ToString());
    }
}
