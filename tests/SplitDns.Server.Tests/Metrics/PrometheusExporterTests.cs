using SplitDns.Protocol.Records;

namespace SplitDns.Server.Tests.Metrics;

public class PrometheusExporterTests
{
    [Fact]
    public void Scrape_AfterQueries_CountsByLabelsAndZoneGauges()
    {
        using Harness h = Harness.WithFixtures("rfc4592.zone");
        h.Query("host1.example.", RecordType.A);
        h.Query("host1.example.", RecordType.A);
        h.Query("nothing.example.org.", RecordType.AAAA);
        h.Send(Convert.FromHexString("123401000001000000000000c00c00010001"));

        string text = h.Exporter.Scrape();

        Assert.Contains("splitdns_dns_queries_total{transport=\"udp\",qtype=\"A\",rcode=\"NOERROR\",view=\"default\"} 2", text);
        Assert.Contains("splitdns_dns_queries_total{transport=\"udp\",qtype=\"AAAA\",rcode=\"REFUSED\",view=\"default\"} 1", text);
        Assert.Contains("splitdns_dns_malformed_packets_total{transport=\"udp\"} 1", text);
        Assert.Contains("splitdns_zone_serial{zone=\"example.\"} 1", text);
        Assert.Contains("splitdns_zone_records{zone=\"example.\"} 11", text);
        Assert.Contains("# TYPE splitdns_dns_query_duration_seconds histogram", text);
        Assert.Contains("splitdns_dns_query_duration_seconds_bucket{transport=\"udp\",le=\"+Inf\"} 3", text);
    }
}
