namespace SplitDns.Forwarders;

/// <summary>Where a forwarded answer came from (for logs, metrics and tests).</summary>
public enum ForwardSource
{
    Failed,
    Cache,
    Upstream,

    /// <summary>An expired cache entry served because every upstream failed (RFC 8767).</summary>
    Stale,
}
