namespace SplitDns.Server.QueryLog;

/// <summary>
/// What answered a logged query, derived from the query's context when its response is encoded.
/// Persisted as text (<see cref="AnswerSourceText"/>): never rename a value.
/// </summary>
public enum AnswerSource : byte
{
    /// <summary>Nothing else applies: FORMERR, BADVERS, NOTIMP, a failed step (SERVFAIL).</summary>
    Error = 0,

    /// <summary>A zone this view serves.</summary>
    Authoritative = 1,

    /// <summary>The response cache of a forwarded name.</summary>
    Cached = 2,

    /// <summary>An upstream or conditional forwarder, just now.</summary>
    Forwarded = 3,

    /// <summary>An expired cache entry served because every upstream failed (RFC 8767).</summary>
    Stale = 4,

    /// <summary>A blocklist (the list is logged too).</summary>
    Blocked = 5,

    /// <summary>REFUSED: no zone or forwarder for the name, or no recursion for this client.</summary>
    Refused = 6,

    /// <summary>Class CH (version.bind, id.server).</summary>
    Chaos = 7,

    /// <summary>A forwarded name whose upstreams all failed (SERVFAIL with EDE 22 or similar).</summary>
    ForwardFailed = 8,
}
