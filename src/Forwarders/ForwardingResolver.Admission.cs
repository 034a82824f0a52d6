using SplitDns.Forwarders.Cache;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Wire;

namespace SplitDns.Forwarders;

public sealed partial class ForwardingResolver
{
    /// <summary>The EXTRA-TEXT of EDE 0 when SplitDns:Forwarders:MaxInFlight is reached.</summary>
    public const string TooManyInFlightText = "too many forwarded queries in flight";

    /// <summary>Upstream exchanges in flight and their bound (SplitDns:Forwarders:MaxInFlight).</summary>
    public ForwardAdmission Admission => _admission;

    /// <summary>
    /// The answer when no upstream exchange may start: a stale answer when the cache has one
    /// (RFC 8767 §5 allows stale data when fresh cannot be had), else SERVFAIL with EDE 0.
    /// </summary>
    private ForwardResult OverLimit(CacheKey key)
    {
        long now = _clockMs();
        if (_options.Cache.Enabled && _options.Cache.ServeStale
            && _cache.TryGet(key, now, out CachedResponse? stale) != CacheLookup.Miss)
        {
            _metrics.CacheStale.Add(1);
            return ForwardResult.Stale(stale!, now, _options.Cache.StaleTtl, TooManyInFlightText);
        }

        return ForwardResult.Failure(DnsRcode.ServFail, ExtendedDnsErrorCode.Other, TooManyInFlightText);
    }
}
