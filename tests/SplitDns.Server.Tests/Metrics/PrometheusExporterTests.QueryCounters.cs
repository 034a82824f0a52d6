using System.Globalization;
using System.Text.RegularExpressions;
using SplitDns.Protocol.Records;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Tests.Metrics;

/// <summary>
/// The per-query counts go through pre-bound counters and reach the instruments at scrape time:
/// the exported series must be those the instruments gave (queries, QUERY requests, truncated,
/// the duration histogram), counted once however often the metrics are scraped.
/// </summary>
public partial class PrometheusExporterTests
{
    [Fact]
    public void Scrape_CommonAndRareQTypes_SameSeriesCountedOnceAcrossScrapes()
    {
        using Harness h = Harness.WithFixtures("rfc4592.zone");
        h.Query("host1.example.", RecordType.A);
        h.Query("host1.example.", RecordType.LOC); // not pre-bound: through the instruments
        h.Query("host1.example.", (RecordType)4000); // no name: "other"
        h.Query("host1.example.", RecordType.A, DnsTransport.Tcp);

        string first = h.Exporter.Scrape();
        string again = h.Exporter.Scrape();

        foreach (string text in (string[])[first, again])
        {
            Assert.Contains("splitdns_dns_queries_total{transport=\"udp\",qtype=\"A\",rcode=\"NOERROR\",view=\"default\"} 1\n", text);
            Assert.Contains("splitdns_dns_queries_total{transport=\"udp\",qtype=\"LOC\",rcode=\"NOERROR\",view=\"default\"} 1\n", text);
            Assert.Contains("splitdns_dns_queries_total{transport=\"udp\",qtype=\"other\",rcode=\"NOERROR\",view=\"default\"} 1\n", text);
            Assert.Contains("splitdns_dns_queries_total{transport=\"tcp\",qtype=\"A\",rcode=\"NOERROR\",view=\"default\"} 1\n", text);
            Assert.Contains("splitdns_dns_requests_total{opcode=\"QUERY\",transport=\"udp\",rcode=\"NOERROR\"} 3\n", text);
            Assert.Contains("splitdns_dns_requests_total{opcode=\"QUERY\",transport=\"tcp\",rcode=\"NOERROR\"} 1\n", text);
            Assert.Contains("splitdns_dns_query_duration_seconds_count{transport=\"udp\"} 3\n", text);
            Assert.Contains("splitdns_dns_query_duration_seconds_bucket{transport=\"tcp\",le=\"+Inf\"} 1\n", text);
        }

        h.Query("host1.example.", RecordType.A);
        h.Query("nothing.example.org.", RecordType.A);
        string later = h.Exporter.Scrape();

        Assert.Contains("splitdns_dns_queries_total{transport=\"udp\",qtype=\"A\",rcode=\"NOERROR\",view=\"default\"} 2\n", later);
        Assert.Contains("splitdns_dns_queries_total{transport=\"udp\",qtype=\"A\",rcode=\"REFUSED\",view=\"default\"} 1\n", later);
        Assert.Contains("splitdns_dns_requests_total{opcode=\"QUERY\",transport=\"udp\",rcode=\"NOERROR\"} 4\n", later);
        Assert.Contains("splitdns_dns_requests_total{opcode=\"QUERY\",transport=\"udp\",rcode=\"REFUSED\"} 1\n", later);
        Assert.Contains("splitdns_dns_query_duration_seconds_count{transport=\"udp\"} 5\n", later);
    }

    [Fact]
    public void Scrape_DurationHistogram_CumulativeBucketsAndSumOfTheQueries()
    {
        using Harness h = Harness.WithFixtures("rfc4592.zone");
        for (int i = 0; i < 7; i++)
        {
            h.Query("host1.example.", RecordType.A);
        }

        string text = h.Exporter.Scrape();

        long previous = 0;
        foreach (Match m in Regex.Matches(text, "^splitdns_dns_query_duration_seconds_bucket\\{transport=\"udp\",le=\"[^\"]+\"\\} ([0-9]+)$", RegexOptions.Multiline))
        {
            long cumulative = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.True(cumulative >= previous, $"buckets must be cumulative: {m.Value}");
            previous = cumulative;
        }

        Assert.Equal(7, previous);
        Match sum = Regex.Match(text, "^splitdns_dns_query_duration_seconds_sum\\{transport=\"udp\"\\} (\\S+)$", RegexOptions.Multiline);
        Assert.True(sum.Success, "no duration sum");
        double seconds = double.Parse(sum.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(seconds > 0 && seconds < 60, $"sum of 7 in-process queries: {seconds}");
    }

    [Fact]
    public void Process_WithExporterScraping_AllocatesNothingPerQuery()
    {
        using Harness h = Harness.WithFixtures("rfc4592.zone");
        byte[] query = Harness.BuildQuery("host1.example.", RecordType.A);
        byte[] rare = Harness.BuildQuery("host1.example.", RecordType.LOC);
        h.Exporter.Scrape();

        Assert.Equal(0, h.MeasureAllocations(query));
        h.Exporter.Scrape();
        Assert.Equal(0, h.MeasureAllocations(query));
        Assert.Equal(0, h.MeasureAllocations(rare));
    }
}
