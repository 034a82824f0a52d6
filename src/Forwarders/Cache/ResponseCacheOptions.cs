namespace SplitDns.Forwarders.Cache;

/// <summary>Bounds and TTL policy of the response cache (configuration section Forwarders:Cache).</summary>
public sealed class ResponseCacheOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Most entries held; beyond it the CLOCK hand evicts.</summary>
    public int MaxEntries { get; set; } = 100_000;

    /// <summary>Most bytes held (encoded answers plus a fixed per-entry overhead).</summary>
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>TTLs below this are raised (cache-min-ttl). 0 keeps upstream TTLs.</summary>
    public uint MinTtl { get; set; }

    /// <summary>TTLs above this are lowered (cache-max-ttl).</summary>
    public uint MaxTtl { get; set; } = 86_400;

    /// <summary>Upper bound for negative answers (RFC 2308 §5 suggests 1-3 hours).</summary>
    public uint MaxNegativeTtl { get; set; } = 3_600;

    /// <summary>How long past expiry an answer may still be served when every upstream fails (RFC 8767 §5: 1-3 days).</summary>
    public TimeSpan MaxStaleAge { get; set; } = TimeSpan.FromDays(1);

    /// <summary>TTL of a stale answer (RFC 8767 §4 recommends 30 seconds).</summary>
    public uint StaleTtl { get; set; } = 30;

    public bool ServeStale { get; set; } = true;

    /// <summary>
    /// RFC 8767 §5 client-response timer: a client whose question has a stale entry waits at most
    /// this long for the upstream before it gets the stale answer (the RFC suggests 1.8 s); zero
    /// waits for the upstream (stale only once every upstream failed).
    /// </summary>
    public TimeSpan StaleClientTimeout { get; set; } = TimeSpan.FromMilliseconds(1800);

    /// <summary>Hits an entry needs before it is worth refreshing ahead of expiry.</summary>
    public int PrefetchMinHits { get; set; } = 3;

    /// <summary>Refresh once the remaining TTL falls below this share of the original (percent; 0 disables prefetch).</summary>
    public int PrefetchPercent { get; set; } = 10;

    /// <summary>Entries with a shorter original TTL are never prefetched (not worth the traffic).</summary>
    public uint PrefetchMinTtl { get; set; } = 10;
}
