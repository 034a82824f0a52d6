namespace SplitDns.Forwarders.Upstreams;

/// <summary>When a failing upstream is marked down, and how it is probed back up.</summary>
public sealed class UpstreamHealthOptions
{
    /// <summary>Consecutive failed tries (timeout, error, SERVFAIL/REFUSED) that mark a server down.</summary>
    public int FailuresBeforeDown { get; set; } = 3;

    /// <summary>First probe delay after a server goes down; doubled after each failed probe.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of the probe backoff.</summary>
    public TimeSpan MaxProbeInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The fastest strategy sends a copy of one query in this many to a non-preferred server.</summary>
    public int ExploreEvery { get; set; } = 20;
}
