using SplitDns.Forwarders.Conditional;
using SplitDns.Forwarders.Upstreams;

namespace SplitDns.Forwarders;

/// <summary>
/// Where one view forwards: its conditional forwarder zones and its upstream group (null when it
/// has none). Groups come from <see cref="ForwardingResolver.CreateSet"/>, so views naming the
/// same servers share one group: one health state, one cache partition.
/// </summary>
public sealed record ForwarderSet(UpstreamGroup? Upstream, ForwarderZoneTable Conditional)
{
    public static ForwarderSet None { get; } = new(null, ForwarderZoneTable.Empty);

    /// <summary>True when anything can be forwarded (an upstream or a conditional forwarder).</summary>
    public bool IsEmpty => Upstream is null && Conditional.Count == 0;

    /// <summary>The group a name goes to: its deepest conditional forwarder zone, else the upstream group.</summary>
    public UpstreamGroup? GroupFor(Protocol.Names.DnsName name) =>
        Conditional.TryMatch(name, out ForwarderZone? zone, out _) ? zone!.Upstreams : Upstream;
}
