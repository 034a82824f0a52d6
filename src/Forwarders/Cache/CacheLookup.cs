namespace SplitDns.Forwarders.Cache;

/// <summary>The outcome of a cache lookup.</summary>
public enum CacheLookup
{
    Miss,

    /// <summary>Within its TTL.</summary>
    Fresh,

    /// <summary>Expired but within the serve-stale window (RFC 8767 §4): usable only when upstreams fail.</summary>
    Stale,
}
