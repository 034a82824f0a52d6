namespace SplitDns.Server.RateLimiting;

/// <summary>What the rate-limit table says about one response.</summary>
public enum RateDecision : byte
{
    /// <summary>Within the rate: send it.</summary>
    Send = 0,

    /// <summary>Over the rate: send nothing.</summary>
    Drop = 1,

    /// <summary>Over the rate, but this one goes out truncated (TC=1) so a real client retries over TCP.</summary>
    Slip = 2,
}
