using System.Net;

namespace SplitDns.Integration.Tests.Api.Config;

/// <summary>Two servers sharing one PostgreSQL store: what the API changes on one appears on the other.</summary>
public sealed class RuntimeConfigReplicaTests(ConfigPostgresFixture postgres) : IClassFixture<ConfigPostgresFixture>
{
    [Fact]
    public async Task CreateAndDeleteOnOne_OtherServesThenDropsWithinCatchUp()
    {
        string db = await postgres.Cluster.CreateDatabaseAsync("config");
        await using ConfigServer a = await ConfigServer.StartAsync(db);
        await using ConfigServer b = await ConfigServer.StartAsync(db, sharing: a);

        Assert.Equal(HttpStatusCode.Created, (await a.SendAsync(HttpMethod.Post, "/api/v1/zones", new { name = "shared.test" })).Status);
        var (_, key) = await a.SendAsync(HttpMethod.Post, "/api/v1/tsig-keys", new { name = "replkey" });

        // Catch-up interval 1 s: bounded wait, no timing assertion.
        Assert.True(await WaitAsync(async () => (await b.DigAsync("shared.test", "SOA", "+norec")).Contains("status: NOERROR", StringComparison.Ordinal)));
        Assert.Contains("hostmaster.shared.test. 1 ", await b.DigAsync("shared.test", "SOA", "+norec"), StringComparison.Ordinal);
        string secret = key.GetProperty("secret").GetString()!;
        Assert.True(await WaitAsync(async () =>
            !(await b.DigAsync("-y", $"hmac-sha256:replkey:{secret}", "example.com", "SOA")).Contains("NOTAUTH", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.NoContent, (await a.SendAsync(HttpMethod.Delete, "/api/v1/zones/shared.test")).Status);

        Assert.True(await WaitAsync(async () => (await b.DigAsync("shared.test", "SOA", "+norec")).Contains("status: REFUSED", StringComparison.Ordinal)));
        var (_, list) = await b.SendAsync(HttpMethod.Get, "/api/v1/zones");
        Assert.DoesNotContain(list.GetProperty("zones").EnumerateArray(), z => z.GetProperty("name").GetString() == "shared.test.");
    }

    private static async Task<bool> WaitAsync(Func<Task<bool>> condition)
    {
        for (int i = 0; i < 60; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(250);
        }

        return false;
    }
}
