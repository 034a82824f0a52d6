using System.Net;

namespace SplitDns.Integration.Tests.QueryLog;

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
