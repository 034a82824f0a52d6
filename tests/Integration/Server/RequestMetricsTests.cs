using System.Globalization;
using SplitDns.Integration.Tests.Infrastructure;

namespace SplitDns.Integration.Tests.Server;

/// <summary>
/// splitdns_dns_requests_total counts every answered message by opcode (UPDATE, NOTIFY, QUERY),
/// and transfers are counted in splitdns_dns_queries_total under their QTYPE. Its own server:
/// the assertions are on exact increments.
/// </summary>
public class RequestMetricsTests(SignedServerFixture server) : IClassFixture<SignedServerFixture>
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Metrics_UpdateNotifyAndTransfer_CountedByOpcodeAndTransfersAsQueries()
    {
        string script = $"""
            server {server.Address} {server.Port.ToString(CultureInfo.InvariantCulture)}
            zone example.com
            update add requests-probe.example.com 300 A 192.0.2.98
            send

            """;
        string before = await _http.GetStringAsync(MetricsUri);
        ToolResult update = await ClientTool.RunAsync("nsupdate", ["-y", SignedServerFixture.KeySpec, "-t", "5"], script, TimeSpan.FromSeconds(20));
        Assert.True(update.ExitCode == 0, update.ToString());
        Assert.Equal("NOERROR", server.Dig.Query("+opcode=notify example.com SOA").Status);
        Assert.Equal("NOTAUTH", server.Dig.Query("+opcode=notify example.org SOA").Status);
        DigResult axfr = server.Dig.Query($"-y {SignedServerFixture.KeySpec} example.com AXFR");
        Assert.Contains("requests-probe.example.com.", axfr.Output, StringComparison.Ordinal);
        Assert.Equal("NOERROR", server.Dig.Query("internal.example.com A").Status);

        string after = await _http.GetStringAsync(MetricsUri);

        Assert.Equal(1, Delta(before, after, "splitdns_dns_requests_total{opcode=\"UPDATE\",transport=\"udp\",rcode=\"NOERROR\"}"));
        Assert.Equal(1, Delta(before, after, "splitdns_dns_requests_total{opcode=\"NOTIFY\",transport=\"udp\",rcode=\"NOERROR\"}"));
        Assert.Equal(1, Delta(before, after, "splitdns_dns_requests_total{opcode=\"NOTIFY\",transport=\"udp\",rcode=\"NOTAUTH\"}"));
        Assert.Equal(2, Delta(before, after, "splitdns_dns_requests_total{opcode=\"QUERY\",transport=\"udp\",rcode=\"NOERROR\"}") 
            + Delta(before, after, "splitdns_dns_requests_total{opcode=\"QUERY\",transport=\"tcp\",rcode=\"NOERROR\"}"));
        Assert.Equal(1, Delta(before, after, "splitdns_dns_queries_total{transport=\"tcp\",qtype=\"AXFR\",rcode=\"NOERROR\",view=\"default\"}"));
    }

    private Uri MetricsUri => new($"http://{server.Address}:{server.HttpPort}/metrics");

    /// <summary>How much a series grew between two scrapes (a series not shown yet counts as 0).</summary>
    private static long Delta(string before, string after, string series) => Value(after, series) - Value(before, series);

    private static long Value(string scrape, string series)
    {
        foreach (string line in scrape.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return long.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
