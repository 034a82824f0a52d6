using System.Net;
using System.Text.Json;
using SplitDns.Server.QueryLog;

namespace SplitDns.Integration.Tests.QueryLog;

/// <summary>
/// The query log end to end: real queries from dig over UDP and TCP, entries written for
/// authoritative, blocked, forwarded and cached answers with their fields, the metrics, and
/// GET /api/v1/querylog with its 400s.
/// </summary>
public sealed class QueryLogServerTests(QueryLogServerFixture server) : IClassFixture<QueryLogServerFixture>, IDisposable
{
    private readonly HttpClient _http = new()
    {
        BaseAddress = server.Http,
        Timeout = TimeSpan.FromSeconds(10),
        DefaultRequestHeaders = { Authorization = new("Bearer", QueryLogServerFixture.AdminToken) },
    };

    private static IPAddress Client(int n) => new([127, 0, 4, (byte)n]);

    [Fact]
    public async Task Authoritative_UdpAndTcp_LoggedWithTheirFields()
    {
        IPAddress client = Client(11);
        Assert.Contains("192.0.2.80", await server.DigFromAsync(client, "www.example.com", "A"));
        Assert.Contains("192.0.2.80", await server.DigFromAsync(client, "+tcp", "WWW.example.com", "A"));

        IReadOnlyList<QueryLogRow> rows = await server.WaitForRowsAsync(new() { Client = new IPNetwork(client, 32) }, 2);

        Assert.Equal(2, rows.Count);
        Assert.Equal(["tcp", "udp"], rows.Select(r => r.Transport));
        foreach (QueryLogRow r in rows)
        {
            Assert.Equal(client, r.Client);
            Assert.True(r.ClientPort > 0);
            Assert.Equal("home", r.View);
            Assert.Equal("www.example.com.", r.Name);
            Assert.Equal(1, r.QType);
            Assert.Equal(1, r.QClass);
            Assert.Equal(0, r.Rcode);
            Assert.Equal("authoritative", r.Source);
            Assert.Null(r.BlockedList);
            Assert.Null(r.Upstream);
            Assert.Null(r.ExtendedError);
            Assert.True(r.ResponseSize > 12);
            Assert.True(r.DurationMicroseconds >= 0);
            Assert.InRange(r.Time, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddSeconds(1));
        }
    }

    [Fact]
    public async Task Blocked_LoggedWithListAndEde()
    {
        IPAddress client = Client(12);
        Assert.Contains("NXDOMAIN", await server.DigFromAsync(client, "tracker.ads.blocked.test", "A"));

        QueryLogRow r = Assert.Single(await server.WaitForRowsAsync(new() { Client = new IPNetwork(client, 32) }));

        Assert.Equal("tracker.ads.blocked.test.", r.Name);
        Assert.Equal("blocked", r.Source);
        Assert.Equal("ads", r.BlockedList);
        Assert.Equal(3, r.Rcode);
        Assert.Equal(15, r.ExtendedError); // RFC 8914 §4.16 Blocked
        Assert.Null(r.Upstream);
    }

    [Fact]
    public async Task Forwarded_ThenCached_LoggedWithUpstream()
    {
        IPAddress client = Client(13);
        Assert.Contains("198.51.100.1", await server.DigFromAsync(client, "fwd.test", "A"));
        Assert.Contains("198.51.100.1", await server.DigFromAsync(client, "fwd.test", "A"));

        IReadOnlyList<QueryLogRow> rows = await server.WaitForRowsAsync(new() { Client = new IPNetwork(client, 32), Name = "fwd.test" }, 2);

        Assert.Equal(["cached", "forwarded"], rows.Select(r => r.Source));
        Assert.Contains(server.Upstream.EndPoint.ToString(), rows[1].Upstream);
        Assert.Null(rows[0].Upstream);
        Assert.All(rows, r => Assert.Equal(0, r.Rcode));
    }

    [Fact]
    public async Task Metrics_EntriesByResultAndQueueDepth_Exported()
    {
        await server.DigFromAsync(Client(14), "www.example.com", "A");
        await server.WaitForRowsAsync(new() { Client = new IPNetwork(Client(14), 32) });

        string metrics = await _http.GetStringAsync("/metrics");

        Assert.Matches(@"splitdns_querylog_entries_total\{result=""written""\} [1-9]", metrics);
        Assert.Contains("splitdns_querylog_entries_total{result=\"dropped\"} 0", metrics);
        Assert.Contains("splitdns_querylog_entries_total{result=\"sampled_out\"} 0", metrics);
        Assert.Contains("splitdns_querylog_entries_total{result=\"failed\"} 0", metrics);
        Assert.Contains("splitdns_querylog_queue_depth", metrics);
        Assert.Contains("splitdns_querylog_retention_deleted_total", metrics);
    }

    [Fact]
    public async Task Api_Search_ReturnsJsonNewestFirstWithCursor()
    {
        IPAddress client = Client(15);
        for (int i = 0; i < 3; i++)
        {
            await server.DigFromAsync(client, $"n{i}.example.com", "AAAA");
        }

        await server.WaitForRowsAsync(new() { Client = new IPNetwork(client, 32) }, 3);

        using JsonDocument first = JsonDocument.Parse(await _http.GetStringAsync($"/api/v1/querylog?client={client}&type=AAAA&name=*.example.com&limit=2"));
        JsonElement entries = first.RootElement.GetProperty("entries");
        Assert.Equal(2, entries.GetArrayLength());
        Assert.Equal("n2.example.com.", entries[0].GetProperty("name").GetString());
        Assert.Equal("AAAA", entries[0].GetProperty("type").GetString());
        Assert.Equal("NXDOMAIN", entries[0].GetProperty("rcode").GetString()); // no such name in the zone
        Assert.Equal("authoritative", entries[0].GetProperty("source").GetString());
        Assert.Equal(client.ToString(), entries[0].GetProperty("client").GetString());
        string cursor = first.RootElement.GetProperty("next_cursor").GetString()!;

        using JsonDocument second = JsonDocument.Parse(await _http.GetStringAsync($"/api/v1/querylog?client={client}&type=28&cursor={cursor}&limit=2"));
        Assert.Equal("n0.example.com.", Assert.Single(second.RootElement.GetProperty("entries").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, second.RootElement.GetProperty("next_cursor").ValueKind);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("type=BOGUS", "type")]
    [InlineData("rcode=MAYBE", "rcode")]
    [InlineData("client=not-an-address", "client")]
    [InlineData("client=10.0.0.0/33", "client")]
    [InlineData("name=a..b", "name")]
    [InlineData("blocked=yes", "blocked")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-12-07T06:00:00Z&to=2026-12-07T05:00:00Z", "to")]
    [InlineData("cursor=-5", "cursor")]
    [InlineData("view=", "view")]
    [InlineData("limit=1&limit=2", "limit")]
    [InlineData("clinet=10.0.0.1", "clinet")]
    public async Task Api_BadParameter_400ProblemDetailsNamingIt(string query, string parameter)
    {
        using HttpResponseMessage response = await _http.GetAsync($"/api/v1/querylog?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(parameter, problem.RootElement.GetProperty("parameter").GetString());
        Assert.StartsWith(parameter + ": ", problem.RootElement.GetProperty("detail").GetString());
        Assert.Equal("Bad Request", problem.RootElement.GetProperty("title").GetString());
    }

    public void Dispose() => _http.Dispose();
}
