using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Server.Zones;

namespace SplitDns.Integration.Tests.Server;

/// <summary>
/// Error counters exist at 0 from start-up, so Prometheus' <c>increase()</c> sees the first
/// error (a series that first appears at 1 shows no increase, and an alert never fires).
/// </summary>
public class ErrorSeriesTests(ObservabilityServerFixture server) : IClassFixture<ObservabilityServerFixture>
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Metrics_BeforeFirstError_SeriesAtZeroThenOneAfterIt()
    {
        string before = await _http.GetStringAsync(server.Metrics);

        Assert.Contains("splitdns_zone_loads_total{zone=\"chains.test.\",result=\"error\"} 0\n", before, StringComparison.Ordinal);
        Assert.Contains("splitdns_zone_loads_total{zone=\"example.com.\",result=\"error\"} 0\n", before, StringComparison.Ordinal);
        Assert.Contains("splitdns_tsig_failures_total{kind=\"update\",error=\"BADKEY\"} 0\n", before, StringComparison.Ordinal);
        Assert.Contains("splitdns_tsig_failures_total{kind=\"update\",error=\"BADSIG\"} 0\n", before, StringComparison.Ordinal);
        Assert.Contains("splitdns_updates_refused_total{zone=\"example.com.\",rcode=\"NotZone\",reason=\"not-zone\"} 0\n", before, StringComparison.Ordinal);
        Assert.Contains("splitdns_updates_refused_total{zone=\"example.com.\",rcode=\"Refused\",reason=\"policy\"} 0\n", before, StringComparison.Ordinal);
        Assert.Matches("splitdns_forwarders_upstream_timeouts_total\\{server=\"udp://127\\.[0-9.:]+\"\\} 0\n", before);
        Assert.Contains("splitdns_dns_dropped_packets_total{transport=\"tcp\",reason=\"connection_limit\"} 0\n", before, StringComparison.Ordinal);

        // One of each: an unknown key, a name outside the zone, a zone file that no longer parses.
        ToolResult badKey = await server.NsupdateAsync("update add x.example.com. 60 A 192.0.2.1", $"hmac-sha256:stranger:{ObservabilityServerFixture.Secret}");
        Assert.NotEqual(0, badKey.ExitCode);
        ToolResult notZone = await server.NsupdateAsync("update add x.example.org. 60 A 192.0.2.1");
        Assert.Contains("NOTZONE", notZone.ToString(), StringComparison.Ordinal);
        string chains = Path.Combine(server.ZoneDirectory, "chains.zone");
        File.WriteAllText(chains, File.ReadAllText(chains) + "broken A not-an-address\n");
        await server.Get<ZoneFileService>().ReloadAsync(onlyChanged: false);
        string after = await _http.GetStringAsync(server.Metrics);

        Assert.Contains("splitdns_zone_loads_total{zone=\"chains.test.\",result=\"error\"} 1\n", after, StringComparison.Ordinal);
        Assert.Contains("splitdns_zone_loads_total{zone=\"example.com.\",result=\"error\"} 0\n", after, StringComparison.Ordinal);
        Assert.Contains("splitdns_tsig_failures_total{kind=\"update\",error=\"BADKEY\"} 1\n", after, StringComparison.Ordinal);
        Assert.Contains("splitdns_updates_refused_total{zone=\"example.com.\",rcode=\"NotZone\",reason=\"not-zone\"} 1\n", after, StringComparison.Ordinal);
    }
}
