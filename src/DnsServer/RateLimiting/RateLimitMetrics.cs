using System.Diagnostics.Metrics;

namespace SplitDns.Server.RateLimiting;

/// <summary>
/// RRL counters on the server's meter, observed at scrape time so they exist at 0 from start:
/// splitdns_rrl_dropped_total, splitdns_rrl_slipped_total, and splitdns_rrl_logonly_total
/// (responses LogOnly mode let through that would have been limited).
/// </summary>
public sealed class RateLimitMetrics
{
    private long _dropped;
    private long _slipped;
    private long _logOnly;

    public RateLimitMetrics(Meter meter)
    {
        meter.CreateObservableCounter("splitdns.rrl.dropped", () => Volatile.Read(ref _dropped),
            description: "UDP responses not sent by response rate limiting");
        meter.CreateObservableCounter("splitdns.rrl.slipped", () => Volatile.Read(ref _slipped),
            description: "UDP responses rate limiting sent truncated (TC=1) instead");
        meter.CreateObservableCounter("splitdns.rrl.logonly", () => Volatile.Read(ref _logOnly),
            description: "UDP responses over the rate limit sent anyway (RateLimit:LogOnly)");
    }

    internal void CountDropped() => Interlocked.Increment(ref _dropped);

    internal void CountSlipped() => Interlocked.Increment(ref _slipped);

    internal void CountLogOnly() => Interlocked.Increment(ref _logOnly);
}
