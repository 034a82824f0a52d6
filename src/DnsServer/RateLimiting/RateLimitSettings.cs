using SplitDns.Server.Networking;

namespace SplitDns.Server.RateLimiting;

/// <summary>
/// SplitDns:RateLimit: response rate limiting (RRL) over UDP, as BIND's <c>rate-limit</c> and
/// Knot's <c>rrl</c> module do it. Off by default, like both: a home server behind a router is
/// no amplifier, and an operator who exposes it turns this on.
/// </summary>
public sealed class RateLimitSettings
{
    public bool Enabled { get; init; }

    /// <summary>Answers (and NODATA) per second per client network, qname and qtype.</summary>
    public int ResponsesPerSecond { get; init; } = 20;

    /// <summary>NXDOMAIN answers per second per client network and zone; 0: not limited.</summary>
    public int NxdomainsPerSecond { get; init; } = 20;

    /// <summary>Referrals per second per client network and zone; 0: not limited.</summary>
    public int ReferralsPerSecond { get; init; } = 20;

    /// <summary>Error answers (FORMERR, SERVFAIL, REFUSED, NOTIMP, …) per second per client network; 0: not limited.</summary>
    public int ErrorsPerSecond { get; init; } = 20;

    /// <summary>Every Nth limited response is sent truncated (TC=1) instead of dropped; 0 drops them all.</summary>
    public int Slip { get; init; } = 2;

    /// <summary>Seconds over which the rate is averaged: a client's debt is capped at Window × rate.</summary>
    public int Window { get; init; } = 15;

    public int IPv4PrefixLength { get; init; } = 24;

    public int IPv6PrefixLength { get; init; } = 56;

    /// <summary>Client networks never limited. Empty by default.</summary>
    public NetworkList Exempt { get; init; } = NetworkList.Empty;

    /// <summary>Count and log what would be limited, but send every response.</summary>
    public bool LogOnly { get; init; }

    /// <summary>Slots in the fixed-size table of rate accounts (rounded up to a power of two).</summary>
    public int TableSize { get; init; } = 65536;
}
