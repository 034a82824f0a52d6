namespace SplitDns.Server.RateLimiting;

/// <summary>
/// What a response is, for rate limiting (BIND's RRL categories): each kind has its own rate,
/// and its account is keyed by what an attacker would repeat to amplify it.
/// </summary>
public enum ResponseKind : byte
{
    /// <summary>An answer or NODATA: keyed by client network, qname and qtype.</summary>
    Answer = 1,

    /// <summary>NXDOMAIN: keyed by client network and zone (random names share one account).</summary>
    Nxdomain = 2,

    /// <summary>A referral (no answer, NS in authority, AA clear): keyed by client network and zone.</summary>
    Referral = 3,

    /// <summary>Any other RCODE (FORMERR, SERVFAIL, NOTIMP, REFUSED, …): keyed by client network and RCODE.</summary>
    Error = 4,
}
