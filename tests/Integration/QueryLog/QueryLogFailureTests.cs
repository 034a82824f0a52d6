using System.Net;
using System.Text.RegularExpressions;

namespace SplitDns.Integration.Tests.QueryLog;

/// <summary>A queue that is never drained (capacity 4, the writer waits a minute): entries beyond 4 are dropped.</summary>
public sealed class FullQueueFixture : QueryLogServerFixture
{
    protected override IEnumerable<string> QueryLogArgs =>
    [
        "--SplitDns:QueryLog:Enabled=true",
        "--SplitDns:QueryLog:QueueCapacity=4",
        "--SplitDns:QueryLog:FlushIntervalMilliseconds=60000",
        $"--SplitDns:QueryLog:Path={Folder}/data/querylog.db",
    ];
}

/// <summary>A SQLite log path that can never be opened: its folder would be a regular file (works as root too).</summary>
public sealed class UnwritableStoreFixture : QueryLogServerFixture
{
    protected override IEnumerable<string> QueryLogArgs =>
    [
        "--SplitDns:QueryLog:Enabled=true",
        "--SplitDns:QueryLog:FlushIntervalMilliseconds=50",
        $"--SplitDns:QueryLog:Path={Folder}/ads.hosts/querylog.db",
    ];
}

public sealed class QueryLogFullQueueTests(FullQueueFixture server) : IClassFixture<FullQueueFixture>
{
    [Fact]
    public async Task QueueFull_EveryQueryAnswered_DropsCounted()
    {
        string[] queries = [.. Enumerable.Range(0, 20).SelectMany(_ => new[] { "www.example.com", "A" })];

        string output = await server.DigFromAsync(new IPAddress([127, 0, 4, 21]), queries);

        Assert.Equal(20, Regex.Matches(output, "status: NOERROR").Count);
        Assert.Equal(16, server.Metrics.Dropped);
        Assert.Equal(0, server.Metrics.Written);
    }
}

public sealed class QueryLogUnwritableStoreTests(UnwritableStoreFixture server) : IClassFixture<UnwritableStoreFixture>
{
    [Fact]
    public async Task StoreCannotOpen_EveryQueryAnswered_FailuresCounted()
    {
        for (int i = 0; i < 5; i++)
        {
            Assert.Contains("status: NOERROR", await server.DigFromAsync(new IPAddress([127, 0, 4, 22]), "www.example.com", "A"));
        }

        for (int i = 0; i < 200 && server.Metrics.Failed < 5; i++)
        {
            await Task.Delay(50);
        }

        Assert.True(server.Metrics.Failed >= 5, $"failed {server.Metrics.Failed}");
        Assert.Equal(0, server.Metrics.Written);
    }
}
