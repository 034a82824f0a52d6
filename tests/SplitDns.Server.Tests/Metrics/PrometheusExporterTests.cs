using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Metrics;
using SplitDns.Server.Updates;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.Server.Tests.Metrics;

public partial class PrometheusExporterTests
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

    [Fact]
    public void Scrape_UpdateMeter_CountersAndSizeBucketsOfThisServerOnly()
    {
        using var updates = new UpdateMetrics();
        using var otherServer = new UpdateMetrics();
        using var metrics = new DnsServerMetrics(new ZoneCatalog());
        using var exporter = new PrometheusExporter(metrics, forwarding: null, updates);

        updates.Applied("example.", changed: true);
        updates.TsigFailure("query", DnsRcode.BadSig);
        updates.Transfer("example.", "AXFR", records: 42, bytes: 5000);
        otherServer.Applied("other.", changed: false);
        string text = exporter.Scrape();

        Assert.Contains("splitdns_updates_applied_total{zone=\"example.\",changed=\"true\"} 1", text);
        Assert.Contains("splitdns_tsig_failures_total{kind=\"query\",error=\"BADSIG\"} 1", text);
        Assert.DoesNotContain("other.", text);

        // Bytes and records get decade buckets, not the latency buckets in seconds.
        Assert.Contains("splitdns_transfer_bytes_bucket{kind=\"AXFR\",le=\"1000\"} 0", text);
        Assert.Contains("splitdns_transfer_bytes_bucket{kind=\"AXFR\",le=\"10000\"} 1", text);
        Assert.Contains("splitdns_transfer_records_bucket{kind=\"AXFR\",le=\"100\"} 1", text);
    }
}
