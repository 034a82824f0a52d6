using System.Diagnostics.Metrics;

namespace SplitDns.Forwarders;

/// <summary>
/// The bound on upstream queries in flight (SplitDns:Forwarders:MaxInFlight, like BIND's
/// recursive-clients). Only a query that would start an upstream exchange takes a place:
/// cache hits and misses that join an identical in-flight query (coalesced) do not. Each refusal
/// adds to <c>splitdns_forwarders_limited_total{limit="in_flight"}</c>.
/// </summary>
public sealed class ForwardAdmission
{
    private readonly int _limit;
    private readonly Counter<long> _limited;
    private int _inFlight;

    public ForwardAdmission(int limit, Meter meter)
    {
        _limit = limit;
        _limited = meter.CreateCounter<long>("splitdns.forwarders.limited", "{query}",
            "Forwarded queries answered without asking upstream because a forwarding limit was reached, by limit");
    }

    /// <summary>Upstream exchanges running now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Takes a place; false (and the refusal counted) when every place is taken.</summary>
    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _inFlight) <= _limit)
        {
            return true;
        }

        Interlocked.Decrement(ref _inFlight);
        _limited.Add(1, new KeyValuePair<string, object?>("limit", "in_flight"));
        return false;
    }

    public void Exit() => Interlocked.Decrement(ref _inFlight);

    /// <summary>Adds 0 to the series so Prometheus sees it before the first refusal.</summary>
    public void PublishZeroSeries() => _limited.Add(0, new KeyValuePair<string, object?>("limit", "in_flight"));
}
