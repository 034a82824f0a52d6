using System.Diagnostics.Metrics;

namespace SplitDns.Forwarders;

/// <summary>
/// The instruments of meter "SplitDns.Forwarders". Per-server instruments carry the tag
/// <c>server</c> (the endpoint label, e.g. "udp://127.0.0.1:53"). Gauges read state through
/// callbacks registered by the cache and the server list, so nothing is counted twice.
/// </summary>
public sealed class ForwarderMetrics : IDisposable
{
    public const string MeterName = "SplitDns.Forwarders";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;

    public ForwarderMetrics(IMeterFactory? factory = null)
    {
        _meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        _ownsMeter = factory is null;
        UpstreamQueries = _meter.CreateCounter<long>("splitdns.forwarders.upstream.queries", "{query}", "Queries sent to an upstream server");
        UpstreamAnswers = _meter.CreateCounter<long>("splitdns.forwarders.upstream.answers", "{answer}", "Matching answers received, by rcode");
        UpstreamTimeouts = _meter.CreateCounter<long>("splitdns.forwarders.upstream.timeouts", "{query}", "Upstream tries that timed out");
        UpstreamErrors = _meter.CreateCounter<long>("splitdns.forwarders.upstream.errors", "{query}", "Upstream tries that failed with a network or format error");
        UpstreamSpoofed = _meter.CreateCounter<long>("splitdns.forwarders.upstream.spoofed", "{packet}", "Answers discarded because ID, name or type did not match");
        // Seconds, as Prometheus base units want (the exporter gives unit "s" its latency buckets).
        UpstreamLatency = _meter.CreateHistogram<double>("splitdns.forwarders.upstream.latency.seconds", "s", "Round-trip time of answered upstream tries");
        CacheHits = _meter.CreateCounter<long>("splitdns.forwarders.cache.hits", "{query}", "Queries answered from the response cache");
        CacheMisses = _meter.CreateCounter<long>("splitdns.forwarders.cache.misses", "{query}", "Queries not in the cache (or expired)");
        CacheStale = _meter.CreateCounter<long>("splitdns.forwarders.cache.stale", "{query}", "Stale answers served because every upstream failed (RFC 8767)");
        CacheEvictions = _meter.CreateCounter<long>("splitdns.forwarders.cache.evictions", "{entry}", "Entries evicted to keep the cache within its bounds");
        CachePrefetches = _meter.CreateCounter<long>("splitdns.forwarders.cache.prefetches", "{query}", "Popular entries refreshed before expiry");
        ShortCircuited = _meter.CreateCounter<long>("splitdns.forwarders.upstream.short_circuited", "{query}", "Queries answered without trying because every upstream of the group was marked down");
        Coalesced = _meter.CreateCounter<long>("splitdns.forwarders.coalesced", "{query}", "Cache misses that joined an identical in-flight upstream query");
    }

    public Meter Meter => _meter;

    public Counter<long> UpstreamQueries { get; }

    public Counter<long> UpstreamAnswers { get; }

    public Counter<long> UpstreamTimeouts { get; }

    public Counter<long> UpstreamErrors { get; }

    public Counter<long> UpstreamSpoofed { get; }

    public Histogram<double> UpstreamLatency { get; }

    public Counter<long> CacheHits { get; }

    public Counter<long> CacheMisses { get; }

    public Counter<long> CacheStale { get; }

    public Counter<long> CacheEvictions { get; }

    public Counter<long> CachePrefetches { get; }

    public Counter<long> Coalesced { get; }

    public Counter<long> ShortCircuited { get; }

    /// <summary>Registers the cache gauges (entries, bytes).</summary>
    public void ObserveCache(Func<long> entries, Func<long> bytes)
    {
        _meter.CreateObservableGauge("splitdns.forwarders.cache.entries", entries, "{entry}", "Entries in the response cache");
        _meter.CreateObservableGauge("splitdns.forwarders.cache.bytes", bytes, "By", "Bytes held by the response cache");
    }

    /// <summary>Registers the up/down gauge: 1 when a server is up, 0 while it is marked down.</summary>
    public void ObserveServers(Func<IEnumerable<Measurement<int>>> states) =>
        _meter.CreateObservableGauge("splitdns.forwarders.upstream.up", states, "{server}", "1 when the upstream is up, 0 when marked down");

    public static KeyValuePair<string, object?> ServerTag(string label) => new("server", label);

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
