using System.Net;
using SplitDns.Server.QueryLog;

namespace SplitDns.Integration.Tests.QueryLog;

public sealed class QueryLogRetentionTests(RetentionFixture server) : IClassFixture<RetentionFixture>
{
    [Fact]
    public async Task Writer_RetentionByAgeThenMaxRows_KeepsTheNewest()
    {
        DateTime now = DateTime.UtcNow;
        QueryLogRow Row(string name, TimeSpan age) => new()
        {
            Time = now - age, Client = IPAddress.Loopback, Transport = "udp", View = "home", Name = name, Source = "authoritative",
        };

        await server.Store.InitializeAsync(default); // the writer may not have created the table yet

        // Two rows written after the rest but two days old: age removes them, not the row count.
        await server.Store.WriteAsync([.. Enumerable.Range(0, 8).Select(i => Row($"n{i}.", TimeSpan.Zero))], default);
        await server.Store.WriteAsync([Row("old1.", TimeSpan.FromDays(2)), Row("old2.", TimeSpan.FromDays(2))], default);

        for (int i = 0; i < 200 && await server.Store.CountAsync(default) > 5; i++)
        {
            await Task.Delay(50);
        }

        QueryLogPage page = await server.Store.SearchAsync(new(), default);
        Assert.Equal(["n7.", "n6.", "n5.", "n4.", "n3."], page.Rows.Select(r => r.Name));
        Assert.True(server.Metrics.Deleted >= 5);
    }
}
