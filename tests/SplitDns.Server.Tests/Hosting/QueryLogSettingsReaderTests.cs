using Microsoft.Extensions.Configuration;
using SplitDns.Server.Hosting;
using SplitDns.Server.QueryLog;
using SplitDns.Server.Updates;

namespace SplitDns.Server.Tests.Hosting;

public class QueryLogSettingsReaderTests
{
    private static (QueryLogSettings Settings, List<string> Errors) Read(params (string Key, string Value)[] values)
    {
        IConfiguration config = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
        var errors = new List<string>();
        StartupSettings startup = StartupSettings.Read(config, "/srv/splitdns", errors);
        return (startup.QueryLog, errors);
    }

    [Fact]
    public void Read_Defaults_OffEverySampledSqliteFileOfItsOwn()
    {
        var (s, errors) = Read();

        Assert.Empty(errors);
        Assert.False(s.Enabled);
        Assert.False(s.Api);
        Assert.Equal(1.0, s.SampleRate);
        Assert.Equal(10_000, s.QueueCapacity);
        Assert.Equal(1_000, s.BatchSize);
        Assert.Equal(TimeSpan.FromSeconds(1), s.FlushInterval);
        Assert.Equal(TimeSpan.FromDays(7), s.Retention);
        Assert.Equal(1_000_000, s.MaxRows);
        Assert.Equal(StoreProvider.Sqlite, s.Provider);
        Assert.Equal("/srv/splitdns/data/querylog.db", s.Path);
    }

    [Fact]
    public void Read_Postgres_UsesTheZoneStoresConnectionString()
    {
        var (s, errors) = Read(("SplitDns:Store:Provider", "Postgres"), ("SplitDns:Store:ConnectionString", "Host=db;Database=splitdns"),
            ("SplitDns:QueryLog:Enabled", "true"));

        Assert.Empty(errors);
        Assert.Equal(StoreProvider.Postgres, s.Provider);
        Assert.Equal("Host=db;Database=splitdns", s.ConnectionString);
        Assert.Equal("", s.Path);
    }

    [Theory]
    [InlineData("Enabled", "yes", "'yes' is not true or false")]
    [InlineData("Api", "1", "'1' is not true or false")]
    [InlineData("SampleRate", "0", "'0' is not a number in (0, 1]")]
    [InlineData("SampleRate", "1.5", "'1.5' is not a number in (0, 1]")]
    [InlineData("SampleRate", "half", "'half' is not a number in (0, 1]")]
    [InlineData("QueueCapacity", "0", "'0' is not an integer in 1..1000000")]
    [InlineData("BatchSize", "x", "'x' is not an integer in 1..100000")]
    [InlineData("FlushIntervalMilliseconds", "5", "'5' is not an integer in 10..60000")]
    [InlineData("RetentionDays", "0", "'0' is not an integer in 1..3650")]
    [InlineData("MaxRows", "-1", "'-1' is not an integer in 1..2147483647")]
    [InlineData("RetentionIntervalSeconds", "0", "'0' is not an integer in 1..86400")]
    [InlineData("Path", " ", "empty")]
    public void Read_BadValue_ErrorNamesKeyAndReason(string key, string value, string reason)
    {
        var (_, errors) = Read(("SplitDns:QueryLog:" + key, value));

        string error = Assert.Single(errors);
        Assert.StartsWith($"SplitDns:QueryLog:{key}: {reason}", error);
    }
}
