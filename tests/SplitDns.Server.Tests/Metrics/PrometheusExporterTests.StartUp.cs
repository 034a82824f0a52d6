using System.Text.RegularExpressions;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Metrics;
using SplitDns.Server.Updates;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.Server.Tests.Metrics;

/// <summary>Series that exist from the start: error counters at 0, process and build info.</summary>
public partial class PrometheusExporterTests
{
    [Fact]
    public void Scrape_BeforeAnyError_ErrorSeriesAtZeroThenOne()
    {
        using var updates = new UpdateMetrics(["example."], storeConfigured: true);
        using var metrics = new DnsServerMetrics(new ZoneCatalog());
        using var exporter = new PrometheusExporter(metrics, forwarding: null, updates);
        metrics.DeclareZone("example.");

        string before = exporter.Scrape();

        Assert.Contains("splitdns_zone_loads_total{zone=\"example.\",result=\"error\"} 0\n", before);
        Assert.Contains("splitdns_tsig_failures_total{kind=\"update\",error=\"BADKEY\"} 0\n", before);
        Assert.Contains("splitdns_tsig_failures_total{kind=\"query\",error=\"BADTIME\"} 0\n", before);
        Assert.Contains("splitdns_updates_refused_total{zone=\"example.\",rcode=\"Refused\",reason=\"policy\"} 0\n", before);
        Assert.Contains("splitdns_updates_refused_total{zone=\"example.\",rcode=\"NotZone\",reason=\"not-zone\"} 0\n", before);
        Assert.DoesNotContain("reason=\"no-store\"", before);

        metrics.RecordZoneLoad("example.", success: false);
        updates.TsigFailure("update", DnsRcode.BadKey);
        updates.Refused("example.", DnsRcode.Refused, "policy");
        string after = exporter.Scrape();

        Assert.Contains("splitdns_zone_loads_total{zone=\"example.\",result=\"error\"} 1\n", after);
        Assert.Contains("splitdns_tsig_failures_total{kind=\"update\",error=\"BADKEY\"} 1\n", after);
        Assert.Contains("splitdns_updates_refused_total{zone=\"example.\",rcode=\"Refused\",reason=\"policy\"} 1\n", after);
    }

    [Fact]
    public void Scrape_WithoutStore_NoStoreRefusalAtZero()
    {
        using var updates = new UpdateMetrics(["example."], storeConfigured: false);
        using var metrics = new DnsServerMetrics(new ZoneCatalog());
        using var exporter = new PrometheusExporter(metrics, forwarding: null, updates);

        Assert.Contains("splitdns_updates_refused_total{zone=\"example.\",rcode=\"Refused\",reason=\"no-store\"} 0\n", exporter.Scrape());
    }

    [Fact]
    public void Scrape_Always_ProcessRuntimeAndBuildInfo()
    {
        using var metrics = new DnsServerMetrics(new ZoneCatalog());
        using var exporter = new PrometheusExporter(metrics);

        string text = exporter.Scrape();

        Assert.Matches(new Regex("^splitdns_build_info\\{version=\"[^\"]+\",revision=\"[^\"]+\",runtime=\"\\.NET [^\"]+\"\\} 1$", RegexOptions.Multiline), text);
        Assert.Contains("# TYPE process_cpu_seconds_total counter\n", text);
        Assert.Matches(new Regex("^process_resident_memory_bytes [1-9][0-9]*$", RegexOptions.Multiline), text);
        Assert.Matches(new Regex("^process_start_time_seconds [1-9][0-9.E+]*$", RegexOptions.Multiline), text);
        Assert.Matches(new Regex("^process_open_fds [1-9][0-9]*$", RegexOptions.Multiline), text);
        Assert.Contains("dotnet_gc_collections_total{generation=\"0\"} ", text);
        Assert.Contains("dotnet_gc_collections_total{generation=\"2\"} ", text);
        Assert.Matches(new Regex("^dotnet_threadpool_threads [0-9]+$", RegexOptions.Multiline), text);
        Assert.Contains("# TYPE dotnet_gc_heap_size_bytes gauge\n", text);
    }
}
