using System.Net;
using System.Text.Json;

namespace SplitDns.Integration.Tests.Api.Operations;

/// <summary>DELETE /api/v1/cache (the fake upstream is asked again afterwards) and GET /api/v1/stats.</summary>
public sealed class CacheAndStatsTests(OperationsServerFixture server) : IClassFixture<OperationsServerFixture>
{
    private Task<Infrastructure.DigResult> DigAsync(string name) => server.DigFromAsync(OperationsServerFixture.Home, name, "A");

    [Fact]
    public async Task Cache_FlushName_NextQueryReachesTheUpstreamAgain()
    {
        await DigAsync("flush.cache.test");
        await DigAsync("flush.cache.test");
        int cached = server.Upstream.CountFor("flush.cache.test.");

        (HttpStatusCode status, JsonElement body) = await server.SendAsync(HttpMethod.Delete, "/api/v1/cache?name=flush.cache.test");
        await DigAsync("flush.cache.test");

        Assert.Equal(1, cached);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("flushed").GetInt32());
        Assert.Equal(2, server.Upstream.CountFor("flush.cache.test."));
    }

    [Fact]
    public async Task Cache_FlushSubtree_EveryNameBelowAskedAgain()
    {
        await DigAsync("a.sub.cache.test");
        await DigAsync("b.sub.cache.test");
        await DigAsync("other.cache.test");

        (HttpStatusCode status, JsonElement body) = await server.SendAsync(HttpMethod.Delete, "/api/v1/cache?name=sub.cache.test&subtree=true");
        await DigAsync("a.sub.cache.test");
        await DigAsync("b.sub.cache.test");
        await DigAsync("other.cache.test");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, body.GetProperty("flushed").GetInt32());
        Assert.Equal(2, server.Upstream.CountFor("a.sub.cache.test."));
        Assert.Equal(2, server.Upstream.CountFor("b.sub.cache.test."));
        Assert.Equal(1, server.Upstream.CountFor("other.cache.test."));
    }

    [Fact]
    public async Task Cache_FlushAll_NextQueryReachesTheUpstreamAgain()
    {
        await DigAsync("all.cache.test");

        (HttpStatusCode status, JsonElement body) = await server.SendAsync(HttpMethod.Delete, "/api/v1/cache");
        await DigAsync("all.cache.test");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("flushed").GetInt64() >= 1);
        Assert.Equal(2, server.Upstream.CountFor("all.cache.test."));
    }

    [Theory]
    [InlineData("?name=a..b", "name")]
    [InlineData("?name=", "name")]
    [InlineData("?name=x.test&subtree=maybe", "subtree")]
    [InlineData("?subtree=true", "subtree")]
    public async Task Cache_BadInput_400NamingTheParameter(string query, string parameter)
    {
        (HttpStatusCode status, JsonElement body) = await server.SendAsync(HttpMethod.Delete, "/api/v1/cache" + query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(parameter, body.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task Stats_AfterQueries_CountersRatiosUpstreamsAndTopsFromTheQueryLog()
    {
        // More often than any other name of this class's tests: it tops the list whatever ran before.
        for (int i = 0; i < 6; i++)
        {
            await DigAsync("top.stats.test");
        }

        await DigAsync("ads.blocked.test");
        await DigAsync("www.example.com");
        Assert.Equal(6, (await server.WaitForLogAsync("top.stats.test", 6)).Count);
        Assert.NotEmpty(await server.WaitForLogAsync("www.example.com"));

        (HttpStatusCode status, JsonElement body) = await server.GetAsync("/api/v1/stats");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("queries_total").GetInt64() >= 8);
        Assert.True(body.GetProperty("queries_per_second").GetDouble() >= 0);
        Assert.InRange(body.GetProperty("blocked_ratio").GetDouble(), double.Epsilon, 1);
        Assert.InRange(body.GetProperty("cache_hit_ratio").GetDouble(), double.Epsilon, 1); // the later top.stats.test queries were hits
        JsonElement upstream = Assert.Single(body.GetProperty("upstreams").EnumerateArray(),
            u => u.GetProperty("name").GetString() == "udp://" + server.Upstream.EndPoint);
        Assert.True(upstream.GetProperty("up").GetBoolean());
        Assert.True(upstream.GetProperty("latency_ms").GetDouble() > 0);
        Assert.Contains(body.GetProperty("upstreams").EnumerateArray(), u => u.GetProperty("name").GetString() == "udp://" + server.Router.EndPoint);
        JsonElement top = body.GetProperty("top_names")[0];
        Assert.Equal("top.stats.test.", top.GetProperty("name").GetString());
        Assert.Equal(6, top.GetProperty("count").GetInt64());
        Assert.Contains(body.GetProperty("top_clients").EnumerateArray(), c => c.GetProperty("client").GetString() == "127.77.1.10");
        Assert.Contains(body.GetProperty("top_blocked").EnumerateArray(), b => b.GetProperty("name").GetString() == "ads.blocked.test.");
    }

    [Theory]
    [InlineData("GET", "/api/v1/views")]
    [InlineData("GET", "/api/v1/blocklists")]
    [InlineData("POST", "/api/v1/blocklists/ads/refresh")]
    [InlineData("POST", "/api/v1/views/home/blocking/disable")]
    [InlineData("POST", "/api/v1/views/home/blocking/enable")]
    [InlineData("DELETE", "/api/v1/cache")]
    [InlineData("GET", "/api/v1/stats")]
    public async Task Route_NoToken_401(string method, string path)
    {
        using HttpClient client = server.Client(token: false);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        using HttpResponseMessage response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
