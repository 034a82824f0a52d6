using System.Net;

namespace SplitDns.Integration.Tests.QueryLog;

public sealed class QueryLogPostgresOutageTests(PostgresQueryLogServerFixture server) : IClassFixture<PostgresQueryLogServerFixture>
{
    private static readonly IPAddress s_client = new([127, 0, 4, 23]);

    private async Task AnswerAsync(int count)
    {
        for (int i = 0; i < count; i++)
        {
            Assert.Contains("192.0.2.80", await server.DigFromAsync(s_client, "www.example.com", "A"));
        }
    }

    private static async Task WaitAsync(Func<bool> condition, int seconds)
    {
        for (int i = 0; i < seconds * 20 && !condition(); i++)
        {
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task DatabaseStoppedAndStarted_QueriesAnswered_FailedThenWrittenAgain()
    {
        await AnswerAsync(2);
        Assert.Equal(2, (await server.WaitForRowsAsync(new() { Client = new IPNetwork(s_client, 32) }, 2)).Count);
        Assert.Equal(2, server.Metrics.Written);

        await server.Cluster.StopAsync();
        await AnswerAsync(3);
        await WaitAsync(() => server.Metrics.Failed >= 3, 10);
        Assert.Equal(3, server.Metrics.Failed);

        await server.Cluster.StartAsync();
        long written = server.Metrics.Written;
        for (int round = 0; round < 40 && server.Metrics.Written == written; round++)
        {
            await AnswerAsync(1);
            await Task.Delay(500);
        }

        Assert.True(server.Metrics.Written > written, "nothing written after the database came back");
        Assert.True((await server.WaitForRowsAsync(new() { Client = new IPNetwork(s_client, 32) }, 3)).Count >= 3);
    }
}
