using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Metrics;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Tests.Metrics;

/// <summary>The striped counters lose no query when several threads record at once, and scrapes in between count each once.</summary>
public sealed class QueryCountersTests
{
    [Fact]
    public void RecordQuery_FromSeveralThreadsWhileScraping_EveryQueryCountedOnce()
    {
        using var metrics = new DnsServerMetrics(new SplitDns.ZoneStore.Memory.ZoneCatalog());
        using var exporter = new PrometheusExporter(metrics);
        const int Threads = 4;
        const int PerThread = 20_000;
        using var done = new CountdownEvent(Threads);
        var threads = new Thread[Threads];
        for (int i = 0; i < Threads; i++)
        {
            DnsTransport transport = i % 2 == 0 ? DnsTransport.Udp : DnsTransport.Tcp;
            threads[i] = new Thread(() =>
            {
                var ctx = new QueryContext { Transport = transport, QuestionType = RecordType.AAAA, Rcode = DnsRcode.NxDomain };
                for (int n = 0; n < PerThread; n++)
                {
                    ctx.ReceivedAt = System.Diagnostics.Stopwatch.GetTimestamp();
                    metrics.RecordQuery(ctx, truncated: n % 10 == 0);
                }

                done.Signal();
            });
            threads[i].Start();
        }

        while (!done.Wait(1))
        {
            exporter.Scrape();
        }

        string text = exporter.Scrape();
        int perTransport = Threads / 2 * PerThread;
        Assert.Contains($"splitdns_dns_queries_total{{transport=\"udp\",qtype=\"AAAA\",rcode=\"NXDOMAIN\",view=\"default\"}} {perTransport}\n", text);
        Assert.Contains($"splitdns_dns_queries_total{{transport=\"tcp\",qtype=\"AAAA\",rcode=\"NXDOMAIN\",view=\"default\"}} {perTransport}\n", text);
        Assert.Contains($"splitdns_dns_requests_total{{opcode=\"QUERY\",transport=\"tcp\",rcode=\"NXDOMAIN\"}} {perTransport}\n", text);
        Assert.Contains($"splitdns_dns_query_duration_seconds_count{{transport=\"udp\"}} {perTransport}\n", text);
        Assert.Contains($"splitdns_dns_truncated_responses_total{{transport=\"tcp\"}} {perTransport / 10}\n", text);
    }

    [Fact]
    public void RecordQuery_EachTransport_CountedUnderItsOwnLabel()
    {
        using var metrics = new DnsServerMetrics(new SplitDns.ZoneStore.Memory.ZoneCatalog());
        using var exporter = new PrometheusExporter(metrics);
        int count = 1;
        foreach (DnsTransport transport in Enum.GetValues<DnsTransport>())
        {
            var ctx = new QueryContext { Transport = transport, QuestionType = RecordType.A, Rcode = DnsRcode.NoError };
            for (int n = 0; n < count; n++)
            {
                ctx.ReceivedAt = System.Diagnostics.Stopwatch.GetTimestamp();
                metrics.RecordQuery(ctx, truncated: true);
            }

            count++;
        }

        string text = exporter.Scrape();
        count = 1;
        foreach (DnsTransport transport in Enum.GetValues<DnsTransport>())
        {
            string label = MetricLabels.Transport(transport);
            Assert.Contains($"splitdns_dns_queries_total{{transport=\"{label}\",qtype=\"A\",rcode=\"NOERROR\",view=\"default\"}} {count}\n", text);
            Assert.Contains($"splitdns_dns_query_duration_seconds_count{{transport=\"{label}\"}} {count}\n", text);
            Assert.Contains($"splitdns_dns_truncated_responses_total{{transport=\"{label}\"}} {count}\n", text);
            count++;
        }
    }
}
