using System.Net;
using System.Text.RegularExpressions;

namespace SplitDns.Integration.Tests.QueryLog;

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
