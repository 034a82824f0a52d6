using SplitDns.Server.Hosting;
using SplitDns.ZoneStore.Persistence.Sqlite;

namespace SplitDns.Server.Tests.Hosting;

/// <summary><c>splitdns check</c> on good and broken configurations and zones.</summary>
public sealed class CheckCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("splitdns-check-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int Code, string Out, string Err) Check(string zoneText, string extraJson = "", string zoneJson = "")
    {
        File.WriteAllText(Path.Combine(_dir, "z.zone"), zoneText);
        string config = Path.Combine(_dir, "config.json");
        File.WriteAllText(config, $$"""
            { "SplitDns": { "Domain": "home.test", "ZoneDirectory": "{{_dir}}", "Zones": [ { "File": "z.zone" {{zoneJson}} } ] {{extraJson}} } }
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

    private const string GoodZone = "$TTL 60\n@ SOA ns hostmaster 5 1 1 1 1\n@ NS ns\nns A 192.0.2.1\n";

    // The review's case: a secret that is not base64 and a grant naming a key nobody defined.
    private const string BadKeys = """, "Tsig": { "Keys": [ { "Name": "externaldns", "Algorithm": "hmac-sha256", "Secret": "not*base64" } ] }""";

    [Fact]
    public void Run_BadTsigSecretAndUndefinedGrantKey_ReportsBothWithKeyAndExitsOne()
    {
        var (code, _, err) = Check(GoodZone, BadKeys, """, "Updates": [ { "Preset": "external-dns", "Key": "nokey" } ]""");

        Assert.Equal(1, code);
        Assert.Contains("SplitDns:Tsig:Keys:0:Secret: TSIG key 'externaldns': secret is not valid base64", err);
        Assert.Contains("SplitDns:Zones:0:Updates:0:Key: TSIG key 'nokey' is not defined in SplitDns:Tsig:Keys", err);
    }

    [Fact]
    public void Run_UnknownTsigAlgorithm_MessageListsEveryAcceptedAlgorithmIncludingMd5()
    {
        var (code, _, err) = Check(GoodZone, """, "Tsig": { "Keys": [ { "Name": "k", "Algorithm": "hmac-sha3", "Secret": "c2VjcmV0" } ] }""");

        Assert.Equal(1, code);
        Assert.Contains("SplitDns:Tsig:Keys:0:Algorithm: TSIG key 'k': unknown algorithm 'hmac-sha3' (known: hmac-md5, hmac-sha1, hmac-sha224, hmac-sha256, hmac-sha384, hmac-sha512)", err);
    }

    [Fact]
    public void Run_Md5Key_Accepted()
    {
        var (code, _, err) = Check(GoodZone, """, "Tsig": { "Keys": [ { "Name": "old", "Algorithm": "hmac-md5", "Secret": "c2VjcmV0" } ] }""");

        Assert.True(code == 0, err);
    }

    [Theory]
    [InlineData(""", "Store": { "Path": "STORE", "JournalLimit": "0" }""", "", "SplitDns:Store:JournalLimit: '0' is not an integer in 1..10000000")]
    [InlineData(""", "Updates": { "SerialStyle": "date" }""", "", "SplitDns:Updates:SerialStyle: 'date' is not increment or unixtime")]
    [InlineData("", """, "Notify": "127.0.0.2" """, "SplitDns:Zones:0:Notify: '127.0.0.2' is not ADDRESS:PORT")]
    [InlineData("", """, "Transfer": { "Keys": "ghost" }""", "SplitDns:Zones:0:Transfer:Keys: TSIG key 'ghost' is not defined")]
    [InlineData("", """, "Updates": [ { "Key": "k", "Names": ["www"], "Types": ["BOGUS"] } ]""", "SplitDns:Zones:0:Updates:0:Types: 'BOGUS' is not a record type")]
    [InlineData(""", "Store": { "Path": "DIR" }""", "", "SplitDns:Store:Path: '")]
    [InlineData(""", "Store": { "Path": "NOTDB" }""", "", "SplitDns:Store:Path: cannot open '")]
    [InlineData(""", "Store": { "Provider": "Mysql" }""", "", "SplitDns:Store:Provider: 'Mysql' is not Sqlite or Postgres")]
    [InlineData(""", "Store": { "Provider": "Postgres" }""", "", "SplitDns:Store:ConnectionString: no PostgreSQL connection string")]
    [InlineData(""", "Store": { "Provider": "Postgres", "ConnectionString": "Database=x" }""", "", "SplitDns:Store:ConnectionString: the connection string names no Host")]
    [InlineData(""", "Store": { "Provider": "Postgres", "ConnectionString": "Host=h;Bogus=1" }""", "", "SplitDns:Store:ConnectionString: the connection string cannot be parsed")]
    [InlineData(""", "Store": { "Provider": "Postgres", "ConnectionStringFile": "DIR/missing.secret" }""", "", "SplitDns:Store:ConnectionStringFile: cannot read the connection string file")]
    [InlineData(""", "Store": { "Provider": "Postgres", "ConnectionString": "Host=h", "ConnectionStringFile": "f" }""", "", "set either the PostgreSQL connection string or the file that holds it, not both")]
    [InlineData(""", "Store": { "Provider": "Postgres", "ConnectionString": "Host=h", "CatchUpIntervalSeconds": 0 }""", "", "SplitDns:Store:CatchUpIntervalSeconds: '0' is not an integer in 1..3600")]
    public void Run_BadDynamicSetting_ReportedByCheckExactlyAsByStartUp(string extraJson, string zoneJson, string expected)
    {
        File.WriteAllText(Path.Combine(_dir, "notdb"), "this is not an SQLite database, just text long enough to be read as a header...............");
        extraJson = extraJson.Replace("STORE", Path.Combine(_dir, "data", "s.db"), StringComparison.Ordinal)
            .Replace("DIR", _dir, StringComparison.Ordinal).Replace("NOTDB", Path.Combine(_dir, "notdb"), StringComparison.Ordinal);

        var (code, _, err) = Check(GoodZone, extraJson, zoneJson);
        var startUp = Assert.Throws<ServerConfigurationException>(() => SplitDnsHost.Build(["--config", Path.Combine(_dir, "config.json")]));

        Assert.Equal(1, code);
        Assert.Contains(expected, err);
        foreach (string error in startUp.Errors)
        {
            Assert.Contains(error, err);
        }
    }

    [Fact]
    public void Run_ExistingStoreWithNewerSchema_Reported()
    {
        string path = Path.Combine(_dir, "newer.db");
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"PRAGMA user_version = {SqliteSchema.CurrentVersion + 1};";
            cmd.ExecuteNonQuery();
        }

        var (code, _, err) = Check(GoodZone, $$""", "Store": { "Path": "{{path}}" }""");

        Assert.Equal(1, code);
        Assert.Contains("newer than this build knows", err);
    }
}
