using System.Net;
using System.Text.Json;
using SplitDns.Integration.Tests.Api.Operations;

namespace SplitDns.Integration.Tests.Api.Explain;

/// <summary>
/// GET /api/v1/explain against the real server: the view and why, the routing decision, each
/// step's decision and the answer, checked against what dig gets from the same client address.
/// </summary>
public sealed class ExplainTests(OperationsServerFixture server) : IClassFixture<OperationsServerFixture>
{
    private Task<(HttpStatusCode Status, JsonElement Body)> ExplainAsync(string name, string type, IPAddress client) =>
        server.GetAsync($"/api/v1/explain?name={name}&type={type}&client={client}");

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();

    private static List<(string Step, string Decision, string Detail)> Steps(JsonElement body) =>
        body.GetProperty("steps").EnumerateArray()
            .Select(s => (s.GetProperty("step").GetString()!, s.GetProperty("decision").GetString()!, s.GetProperty("detail").GetString()!))
            .ToList();

    [Fact]
    public async Task Explain_GrafanaFromTwoClients_TwoViewsTwoAnswersEachWithItsReason()
    {
        (HttpStatusCode laptopStatus, JsonElement laptop) = await ExplainAsync("grafana.example.com", "A", OperationsServerFixture.Home);
        (HttpStatusCode tailnetStatus, JsonElement tailnet) = await ExplainAsync("grafana.example.com", "A", OperationsServerFixture.Tailscale);
        var laptopDig = await server.DigFromAsync(OperationsServerFixture.Home, "grafana.example.com", "A");
        var tailnetDig = await server.DigFromAsync(OperationsServerFixture.Tailscale, "grafana.example.com", "A");

        Assert.Equal(HttpStatusCode.OK, laptopStatus);
        Assert.Equal(HttpStatusCode.OK, tailnetStatus);

        // The laptop: view home (its network), the shared zone, the wildcard gives .58.
        Assert.Equal("home", laptop.GetProperty("view").GetProperty("name").GetString());
        Assert.Contains("127.77.1.0/24", laptop.GetProperty("view").GetProperty("reason").GetString());
        Assert.Equal("authoritative", laptop.GetProperty("route").GetProperty("decision").GetString());
        Assert.Equal("example.com.", laptop.GetProperty("route").GetProperty("zone").GetString());
        Assert.Contains(Steps(laptop), s => s is ("authoritative", "answered", _) && s.Detail.Contains("wildcard *.example.com. matched grafana.example.com.", StringComparison.Ordinal));
        Assert.Contains(Steps(laptop), s => s is ("blocking", "skipped", _) && s.Detail.Contains("served zones are never blocked", StringComparison.Ordinal));
        Assert.Equal(["grafana.example.com. 300 IN A 192.0.2.58"], Strings(laptop.GetProperty("answer").GetProperty("answers")));
        Assert.Equal(laptopDig.Answer, Strings(laptop.GetProperty("answer").GetProperty("answers")));

        // The tailnet: view tailscale, its own instance of example.com, an exact match.
        Assert.Equal("tailscale", tailnet.GetProperty("view").GetProperty("name").GetString());
        Assert.Contains("127.77.3.0/24", tailnet.GetProperty("view").GetProperty("reason").GetString());
        Assert.Contains("view tailscale's own instance", tailnet.GetProperty("route").GetProperty("reason").GetString());
        Assert.Contains(Steps(tailnet), s => s is ("authoritative", "answered", _) && s.Detail.StartsWith("exact match: grafana.example.com.", StringComparison.Ordinal));
        Assert.Contains(Steps(tailnet), s => s is ("blocking", "skipped", "view does not block"));
        Assert.Equal(["grafana.example.com. 300 IN A 100.64.0.10"], Strings(tailnet.GetProperty("answer").GetProperty("answers")));
        Assert.Equal(tailnetDig.Answer, Strings(tailnet.GetProperty("answer").GetProperty("answers")));
        Assert.Contains("aa", Strings(tailnet.GetProperty("answer").GetProperty("flags")));
    }

    [Fact]
    public async Task Explain_ChaosStep_IsSkippedForClassIn()
    {
        (_, JsonElement body) = await ExplainAsync("www.example.com", "A", OperationsServerFixture.Home);

        Assert.Equal(("chaos", "skipped", "not class CH"), Steps(body)[0]);
        Assert.Contains(Steps(body), s => s is ("forwarding", "skipped", _));
    }

    [Fact]
    public async Task Explain_CnameChain_EachLinkExplained()
    {
        (_, JsonElement body) = await ExplainAsync("alias.example.com", "A", OperationsServerFixture.Home);

        Assert.Contains(Steps(body), s => s.Detail.Contains("CNAME alias.example.com. -> www.example.com.", StringComparison.Ordinal));
        Assert.Contains(Steps(body), s => s.Detail.StartsWith("exact match: www.example.com.", StringComparison.Ordinal));
        Assert.Equal(["alias.example.com. 300 IN CNAME www.example.com.", "www.example.com. 300 IN A 192.0.2.80"],
            Strings(body.GetProperty("answer").GetProperty("answers")));
    }

    [Theory]
    [InlineData("www.example.com", "AAAA", "NODATA: www.example.com. exists in zone example.com. (serial 1) but has no AAAA records")]
    [InlineData("host.delegated.example.com", "A", "referral: host.delegated.example.com. is below the delegation delegated.example.com.")]
    [InlineData("host.moved.example.com", "A", "DNAME at moved.example.com. rewrites host.moved.example.com.")]
    public async Task Explain_LookupOutcomes_EachNamed(string name, string type, string detail)
    {
        (_, JsonElement body) = await ExplainAsync(name, type, OperationsServerFixture.Home);
        var dig = await server.DigFromAsync(OperationsServerFixture.Home, name, type);

        Assert.Contains(Steps(body), s => s is ("authoritative", "answered", _) && s.Detail.StartsWith(detail, StringComparison.Ordinal));
        Assert.Equal(dig.Status, body.GetProperty("answer").GetProperty("rcode").GetString());
        Assert.Equal(dig.Answer, Strings(body.GetProperty("answer").GetProperty("answers")));
        Assert.Equal(dig.Authority, Strings(body.GetProperty("answer").GetProperty("authority")));
    }

    [Fact]
    public async Task Explain_NameMissingFromViewZone_NxDomainWithSoa()
    {
        (_, JsonElement body) = await ExplainAsync("nothing.example.com", "A", OperationsServerFixture.Tailscale);
        var dig = await server.DigFromAsync(OperationsServerFixture.Tailscale, "nothing.example.com", "A");

        Assert.Equal("NXDOMAIN", body.GetProperty("answer").GetProperty("rcode").GetString());
        Assert.Equal(dig.Status, body.GetProperty("answer").GetProperty("rcode").GetString());
        Assert.Contains(Steps(body), s => s.Detail.StartsWith("NXDOMAIN: nothing.example.com. does not exist", StringComparison.Ordinal));
        Assert.Contains(Strings(body.GetProperty("answer").GetProperty("authority")), l => l.StartsWith("example.com. 300 IN SOA ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Explain_BlockedName_NamesTheListAndEntry()
    {
        (_, JsonElement body) = await ExplainAsync("tracker.ads.blocked.test", "A", OperationsServerFixture.Home);
        var dig = await server.DigFromAsync(OperationsServerFixture.Home, "tracker.ads.blocked.test", "A");

        Assert.Equal("upstream", body.GetProperty("route").GetProperty("decision").GetString());
        Assert.Contains(Steps(body), s => s is ("blocking", "answered", "blocked by list ads (entry ads.blocked.test)"));
        Assert.DoesNotContain(Steps(body), s => s.Step == "forwarding");
        JsonElement answer = body.GetProperty("answer");
        Assert.Equal("NXDOMAIN", answer.GetProperty("rcode").GetString());
        Assert.Equal(dig.Status, answer.GetProperty("rcode").GetString());
        JsonElement ede = Assert.Single(answer.GetProperty("ede").EnumerateArray());
        Assert.Equal(15, ede.GetProperty("code").GetInt32());
        Assert.Equal("blocked by list ads", ede.GetProperty("text").GetString());
        Assert.Equal(0, server.Upstream.CountFor("tracker.ads.blocked.test."));
    }

    [Fact]
    public async Task Explain_ForwardedName_NamesTheUpstreamThenTheCacheAsARealQueryWould()
    {
        (_, JsonElement first) = await ExplainAsync("forwarded.explain.test", "A", OperationsServerFixture.Home);
        (_, JsonElement second) = await ExplainAsync("forwarded.explain.test", "A", OperationsServerFixture.Home);
        var dig = await server.DigFromAsync(OperationsServerFixture.Home, "forwarded.explain.test", "A");

        string label = "udp://" + server.Upstream.EndPoint; // the upstream's label, as metrics and logs name it
        Assert.Equal("upstream", first.GetProperty("route").GetProperty("decision").GetString());
        Assert.Equal([label], Strings(first.GetProperty("route").GetProperty("upstreams")));
        Assert.Contains(Steps(first), s => s is ("blocking", "passed", "not on any list of the view"));
        Assert.Contains(Steps(first), s => s is ("forwarding", "answered", _) && s.Detail == $"cache miss: upstream {label} answered NOERROR");
        Assert.Contains(Steps(second), s => s is ("forwarding", "answered", _) && s.Detail.StartsWith("cache hit", StringComparison.Ordinal));
        Assert.Contains(Strings(first.GetProperty("answer").GetProperty("answers")), l => l.EndsWith("IN A 198.51.100.1", StringComparison.Ordinal));
        Assert.Contains(dig.Answer, l => l.EndsWith("IN A 198.51.100.1", StringComparison.Ordinal));

        // The explained query went upstream once and was cached like a real one: dig got the cached answer.
        Assert.Equal(1, server.Upstream.CountFor("forwarded.explain.test."));
    }

    [Fact]
    public async Task Explain_ConditionalForwarderDeeperThanZone_LongerMatchWins()
    {
        (_, JsonElement body) = await ExplainAsync("printer.lan.example.com", "A", OperationsServerFixture.Home);

        JsonElement route = body.GetProperty("route");
        Assert.Equal("conditional_forwarder", route.GetProperty("decision").GetString());
        Assert.Equal("lan.example.com.", route.GetProperty("forwarder").GetString());
        Assert.Contains("the longer match wins: conditional forwarder lan.example.com. (3 labels) is deeper than zone example.com. (2 labels)",
            route.GetProperty("reason").GetString());
        Assert.Contains(Strings(body.GetProperty("answer").GetProperty("answers")), l => l == "printer.lan.example.com. 300 IN A 198.51.100.2");
    }

    [Fact]
    public async Task Explain_ClientNoViewNames_CatchAllViewWithItsReason()
    {
        (_, JsonElement body) = await ExplainAsync("www.example.com", "A", OperationsServerFixture.Other);

        Assert.Equal("default", body.GetProperty("view").GetProperty("name").GetString());
        Assert.Contains("catch-all", body.GetProperty("view").GetProperty("reason").GetString());
        Assert.Equal("127.77.9.10", body.GetProperty("client").GetString());
        Assert.Contains(Steps(body), s => s is ("blocking", "skipped", "view does not block"));
    }

    [Fact]
    public async Task Explain_ViewWithoutRecursion_ForwardedNameRefusedWithEde18()
    {
        (_, JsonElement body) = await ExplainAsync("elsewhere.explain.test", "A", OperationsServerFixture.Guests);

        Assert.Equal("guests", body.GetProperty("view").GetProperty("name").GetString());
        Assert.Contains(Steps(body), s => s is ("forwarding", "answered", _) && s.Detail.Contains("EDE 18", StringComparison.Ordinal));
        Assert.Equal("REFUSED", body.GetProperty("answer").GetProperty("rcode").GetString());
        Assert.Equal(18, body.GetProperty("answer").GetProperty("ede")[0].GetProperty("code").GetInt32());
        Assert.Equal(0, server.Upstream.CountFor("elsewhere.explain.test."));
    }

    [Fact]
    public async Task Explain_NotCountedAsClientQueryNorLogged()
    {
        (_, JsonElement before) = await server.GetAsync("/api/v1/stats");
        await ExplainAsync("unlogged.example.com", "A", OperationsServerFixture.Home);
        await ExplainAsync("unlogged-blocked.ads.blocked.test", "A", OperationsServerFixture.Home);
        (_, JsonElement after) = await server.GetAsync("/api/v1/stats");

        // A real query afterwards: once it is in the log, the explained ones (earlier) would be too.
        await server.DigFromAsync(OperationsServerFixture.Home, "logged.example.com", "A");
        Assert.NotEmpty(await server.WaitForLogAsync("logged.example.com"));

        Assert.Equal(before.GetProperty("queries_total").GetInt64(), after.GetProperty("queries_total").GetInt64());
        Assert.Equal(before.GetProperty("blocked_total").GetInt64(), after.GetProperty("blocked_total").GetInt64());
        Assert.Empty((await server.QueryLog.SearchAsync(new() { Name = "unlogged.example.com" }, default)).Rows);
        Assert.Empty((await server.QueryLog.SearchAsync(new() { Name = "unlogged-blocked.ads.blocked.test" }, default)).Rows);
    }

    [Theory]
    [InlineData("type=A&client=127.77.1.10", "name")]
    [InlineData("name=a..b&client=127.77.1.10", "name")]
    [InlineData("name=www.example.com&type=BOGUS&client=127.77.1.10", "type")]
    [InlineData("name=www.example.com&type=AXFR&client=127.77.1.10", "type")]
    [InlineData("name=www.example.com&client=999.1.1.1", "client")]
    [InlineData("name=www.example.com&client=laptop", "client")]
    [InlineData("name=www.example.com&client=127.77.1.10&listener=nowhere", "listener")]
    [InlineData("name=www.example.com&client=127.77.1.10&listener=127.0.0.1:1", "listener")]
    public async Task Explain_BadInput_400NamingTheParameter(string query, string parameter)
    {
        (HttpStatusCode status, JsonElement body) = await server.GetAsync("/api/v1/explain?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(parameter, body.GetProperty("parameter").GetString());
        Assert.StartsWith(parameter + ": ", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task OpenApi_DocumentsTheRoutes()
    {
        using HttpClient client = server.Client(token: false);
        string document = await client.GetStringAsync("/openapi/v1.json");

        Assert.All(["/api/v1/explain", "/api/v1/views", "/api/v1/blocklists", "/api/v1/blocklists/{name}/refresh",
            "/api/v1/views/{view}/blocking/disable", "/api/v1/views/{view}/blocking/enable", "/api/v1/cache", "/api/v1/stats"],
            route => Assert.Contains("\"" + route + "\"", document, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Explain_NoToken_401()
    {
        using HttpClient client = server.Client(token: false);
        using HttpResponseMessage response = await client.GetAsync("/api/v1/explain?name=www.example.com&client=127.77.1.10");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
