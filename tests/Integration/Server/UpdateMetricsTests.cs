using System.Globalization;
using SplitDns.Integration.Tests.Infrastructure;

namespace SplitDns.Integration.Tests.Server;

/// <summary>The "SplitDns.Updates" meter on /metrics: counters move after a real nsupdate and a bad TSIG.</summary>
public class UpdateMetricsTests(SignedServerFixture server) : IClassFixture<SignedServerFixture>
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Metrics_AfterNsupdateAndBadKeyQuery_UpdateAndTsigCountersShown()
    {
        string script = $"""
            server {server.Address} {server.Port.ToString(CultureInfo.InvariantCulture)}
            zone example.com
            update add metrics-probe.example.com 300 A 192.0.2.99
            send

            """;
        ToolResult update = await ClientTool.RunAsync("nsupdate", ["-y", SignedServerFixture.KeySpec, "-t", "5"], script, TimeSpan.FromSeconds(20));
        Assert.True(update.ExitCode == 0, update.ToString());
        DigResult refused = server.Dig.Query($"-y hmac-sha256:stranger:{SignedServerFixture.Secret} internal.example.com A");
        Assert.Equal("NOTAUTH", refused.Status);

        string text = await _http.GetStringAsync(new Uri($"http://{server.Address}:{server.HttpPort}/metrics"));

        Assert.Contains("# TYPE splitdns_updates_applied_total counter", text, StringComparison.Ordinal);
        Assert.Contains("splitdns_updates_applied_total{zone=\"example.com.\",changed=\"true\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("splitdns_tsig_failures_total{kind=\"query\",error=\"BADKEY\"} 1", text, StringComparison.Ordinal);
        Assert.Matches("splitdns_dns_queries_total\\{transport=\"udp\",qtype=\"A\",rcode=\"NOTAUTH\",view=\"default\"\\} 1", text);
    }
}
