using System.Net;
using SplitDns.Integration.Tests.Infrastructure;

namespace SplitDns.Integration.Tests.Server;

/// <summary>Item 7: /metrics, /healthz, /readyz on the HTTP port of the same Kestrel.</summary>
public class OpsEndpointTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private Uri Url(string path) => new($"http://{server.Address}:{server.HttpPort}{path}");

    [Fact]
    public async Task Healthz_Live_200()
    {
        HttpResponseMessage r = await _http.GetAsync(Url("/healthz"));

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }

    [Fact]
    public async Task Readyz_ZonesLoaded_200()
    {
        HttpResponseMessage r = await _http.GetAsync(Url("/readyz"));

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("ready\n", await r.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_RightAfterStart_ShowsStartUpZoneLoads()
    {
        // The fixture's three zones load once at start-up, before any socket is bound.
        string text = await _http.GetStringAsync(Url("/metrics"));

        Assert.Contains("# TYPE splitdns_zone_loads_total counter", text);
        Assert.Contains("splitdns_zone_loads_total{zone=\"example.com.\",result=\"ok\"} 1\n", text);
        Assert.Contains("splitdns_zone_loads_total{zone=\"example.\",result=\"ok\"} 1\n", text);
        Assert.Contains("splitdns_zone_loads_total{zone=\"chains.test.\",result=\"ok\"} 1\n", text);
    }

    [Fact]
    public async Task Metrics_AfterUdpAndTcpQueries_PrometheusText()
    {
        server.Dig.Query("host1.example A");
        server.Dig.Query("host1.example A", tcp: true);
        server.Dig.Query("nope.example.org AAAA");

        HttpResponseMessage r = await _http.GetAsync(Url("/metrics"));
        string text = await r.Content.ReadAsStringAsync();

        Assert.StartsWith("text/plain", r.Content.Headers.ContentType!.ToString());
        Assert.Matches("splitdns_dns_queries_total\\{transport=\"udp\",qtype=\"A\",rcode=\"NOERROR\",view=\"default\"\\} [1-9]", text);
        Assert.Matches("splitdns_dns_queries_total\\{transport=\"tcp\",qtype=\"A\",rcode=\"NOERROR\",view=\"default\"\\} [1-9]", text);
        Assert.Matches("splitdns_dns_queries_total\\{transport=\"udp\",qtype=\"AAAA\",rcode=\"REFUSED\",view=\"default\"\\} [1-9]", text);
        Assert.Contains("splitdns_dns_query_duration_seconds_bucket{transport=\"udp\",le=\"+Inf\"}", text);
        Assert.Contains("splitdns_zone_serial{zone=\"example.com.\"} 2026112101", text);
        Assert.Contains("splitdns_zone_records{zone=\"example.\"} 11", text);
        Assert.Contains("# TYPE splitdns_dns_tcp_connections gauge", text);
        Assert.Matches("splitdns_dns_tcp_connections_accepted_total [1-9]", text);
    }
}
