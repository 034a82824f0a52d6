namespace SplitDns.Forwarders.Upstreams;

/// <summary>How a group of upstreams shares queries. Persisted in configuration: never renumber.</summary>
public enum UpstreamStrategy
{
    /// <summary>Strict order: the first healthy server; on timeout, SERVFAIL or REFUSED the next.</summary>
    Ordered = 0,

    /// <summary>Ask the first two healthy servers at once; the first good answer wins.</summary>
    Parallel = 1,

    /// <summary>Prefer the lowest smoothed RTT; now and then send a copy to another server to measure it.</summary>
    Fastest = 2,
}
