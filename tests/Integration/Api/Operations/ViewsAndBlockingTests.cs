using System.Net;
using System.Text.Json;

namespace SplitDns.Integration.Tests.Api.Operations;

/// <summary>GET /api/v1/views, GET /api/v1/blocklists, refresh of a file list, and switching a view's blocking off and on, checked with dig.</summary>
public sealed class ViewsAndBlockingTests(OperationsServerFixture server) : IClassFixture<OperationsServerFixture>
{
    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();

    [Fact]
    public async Task Views_List_InMatchOrderWithNetworksBlockingAndZones()
    {
        (HttpStatusCode status, JsonElement body) = await server.GetAsync("/api/v1/views");

        Assert.Equal(HttpStatusCode.OK, status);
        List<JsonElement> views = [.. body.GetProperty("views").EnumerateArray()];
        Assert.Equal(["home", "tailscale", "guests", "default"], views.Select(v => v.GetProperty("name").GetString()));
        Assert.Equal(["127.77.1.0/24"], Strings(views[0].GetProperty("networks")));
        Assert.True(views[0].GetProperty("blocking").GetBoolean());
        Assert.True(views[0].GetProperty("recursion").GetBoolean());
        Assert.False(views[1].GetProperty("blocking").GetBoolean());
        Assert.Contains("example.com. (view tailscale)", Strings(views[1].GetProperty("zones")));
        Assert.Contains("example.com.", Strings(views[0].GetProperty("zones")));
        Assert.False(views[2].GetProperty("recursion").GetBoolean());
        Assert.True(views[3].GetProperty("catch_all").GetBoolean());
        Assert.Empty(views[3].GetProperty("networks").EnumerateArray());
    }

    [Fact]
    public async Task Blocklists_List_SourceEntriesRefreshAndViews()
    {
        (HttpStatusCode status, JsonElement body) = await server.GetAsync("/api/v1/blocklists");

        Assert.Equal(HttpStatusCode.OK, status);
        JsonElement ads = Assert.Single(body.GetProperty("lists").EnumerateArray(), l => l.GetProperty("name").GetString() == "ads");
        Assert.Equal(server.AdsFile, ads.GetProperty("source").GetString());
        Assert.True(ads.GetProperty("entries").GetInt32() >= 1);
        Assert.Equal(JsonValueKind.String, ads.GetProperty("last_refresh").ValueKind);
        Assert.Equal(JsonValueKind.Null, ads.GetProperty("last_error").ValueKind);
        Assert.Equal(["home"], Strings(ads.GetProperty("views")));
        JsonElement home = Assert.Single(body.GetProperty("views").EnumerateArray());
        Assert.Equal("home", home.GetProperty("view").GetString());
        Assert.Equal(JsonValueKind.Null, home.GetProperty("disabled_until").ValueKind);
    }

    [Fact]
    public async Task Blocklists_RefreshChangedFile_NewEntryBlockedAtOnce()
    {
        Assert.Equal("NOERROR", (await server.DigFromAsync(OperationsServerFixture.Home, "fresh.refresh.test", "A")).Status);
        File.WriteAllText(server.AdsFile, "0.0.0.0 ads.blocked.test\n0.0.0.0 fresh.refresh.test\n");

        (HttpStatusCode status, JsonElement body) = await server.SendAsync(HttpMethod.Post, "/api/v1/blocklists/ads/refresh");
        var dig = await server.DigFromAsync(OperationsServerFixture.Home, "fresh.refresh.test", "A");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ads", body.GetProperty("name").GetString());
        Assert.Equal("updated", body.GetProperty("outcome").GetString());
        Assert.Equal(2, body.GetProperty("entries").GetInt32());
        Assert.Equal("NXDOMAIN", dig.Status);
        Assert.Contains(dig.Ede, e => e.StartsWith("15", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Blocklists_RefreshUnknownList_404()
    {
        (HttpStatusCode status, JsonElement body) = await server.SendAsync(HttpMethod.Post, "/api/v1/blocklists/nosuch/refresh");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("nosuch", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Blocking_DisableThenEnable_DigSeesTheNameUnblockedThenBlocked()
    {
        (HttpStatusCode disabled, JsonElement off) = await server.SendAsync(HttpMethod.Post, "/api/v1/views/home/blocking/disable", new { minutes = 5 });
        var unblocked = await server.DigFromAsync(OperationsServerFixture.Home, "ads.blocked.test", "A");
        (_, JsonElement listed) = await server.GetAsync("/api/v1/blocklists");
        (HttpStatusCode enabled, JsonElement on) = await server.SendAsync(HttpMethod.Post, "/api/v1/views/home/blocking/enable");
        var blocked = await server.DigFromAsync(OperationsServerFixture.Home, "ads.blocked.test", "A");

        Assert.Equal(HttpStatusCode.OK, disabled);
        Assert.Equal("home", off.GetProperty("view").GetString());
        DateTime until = off.GetProperty("disabled_until").GetDateTime();
        Assert.InRange(until, DateTime.UtcNow.AddMinutes(4), DateTime.UtcNow.AddMinutes(6));
        Assert.Equal("NOERROR", unblocked.Status);
        Assert.Contains("ads.blocked.test. 300 IN A 198.51.100.1", unblocked.Answer);
        Assert.Equal(until, listed.GetProperty("views")[0].GetProperty("disabled_until").GetDateTime());

        Assert.Equal(HttpStatusCode.OK, enabled);
        Assert.Equal(JsonValueKind.Null, on.GetProperty("disabled_until").ValueKind);
        Assert.Equal("NXDOMAIN", blocked.Status);
    }

    [Fact]
    public async Task Blocking_DisabledView_ExplainSaysUntilWhen()
    {
        (_, JsonElement off) = await server.SendAsync(HttpMethod.Post, "/api/v1/views/home/blocking/disable", new { minutes = 1 });
        (_, JsonElement body) = await server.GetAsync("/api/v1/explain?name=ads.blocked.test&client=127.77.1.10");
        await server.SendAsync(HttpMethod.Post, "/api/v1/views/home/blocking/enable");

        string until = off.GetProperty("disabled_until").GetDateTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(body.GetProperty("steps").EnumerateArray(), s => s.GetProperty("step").GetString() == "blocking"
            && s.GetProperty("detail").GetString() == "blocking disabled until " + until);
    }

    [Theory]
    [InlineData("{\"minutes\":0}")]
    [InlineData("{\"minutes\":1441}")]
    [InlineData("{\"minutes\":-5}")]
    [InlineData("{}")]
    [InlineData("{\"minutes\":\"ten\"}")]
    [InlineData("{\"minutes\":2.5}")]
    [InlineData("not json")]
    [InlineData("")]
    public async Task Blocking_DisableBadMinutes_400NamingMinutes(string json)
    {
        using HttpClient client = server.Client();
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await client.PostAsync("/api/v1/views/home/blocking/disable", content);
        JsonElement body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("minutes", body.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task Blocking_UnknownViewOrViewWithoutBlocking_404And409()
    {
        (HttpStatusCode unknown, _) = await server.SendAsync(HttpMethod.Post, "/api/v1/views/nosuch/blocking/disable", new { minutes = 5 });
        (HttpStatusCode noBlocking, JsonElement body) = await server.SendAsync(HttpMethod.Post, "/api/v1/views/tailscale/blocking/enable");

        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal(HttpStatusCode.Conflict, noBlocking);
        Assert.Contains("does not block", body.GetProperty("detail").GetString());
    }
}
