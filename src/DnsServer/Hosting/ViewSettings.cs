using System.Net;
using SplitDns.Forwarders;
using SplitDns.Forwarders.Upstreams;
using SplitDns.Protocol.Names;
using SplitDns.Server.Networking;

namespace SplitDns.Server.Hosting;

/// <summary>
/// One view (SplitDns:Views:N), validated: which clients it is for, which zones it sees, whether
/// and where it forwards, and its blocking. The last view of <see cref="ServerSettings.Views"/>
/// is always a catch-all (the configured one, or an implicit "default").
/// </summary>
public sealed class ViewSettings
{
    /// <summary>The name of the implicit catch-all view (and of the only view without SplitDns:Views).</summary>
    public const string DefaultName = "default";

    public required string Name { get; init; }

    /// <summary>Client networks this view is for; empty with no <see cref="Listen"/> means every client.</summary>
    public NetworkList Networks { get; init; } = NetworkList.Empty;

    /// <summary>DNS listener endpoints this view is for (queries that arrive on them); empty means any.</summary>
    public IReadOnlyList<IPEndPoint> Listen { get; init; } = [];

    /// <summary>Shared zones (SplitDns:Zones) this view sees: null for all of them.</summary>
    public IReadOnlySet<DnsName>? SharedZones { get; init; }

    /// <summary>Whether clients of this view may use forwarding at all (still within SplitDns:RecursionAcl).</summary>
    public bool Recursion { get; init; } = true;

    /// <summary>Upstream forwarders of this view (inherited from SplitDns:Forwarders unless overridden).</summary>
    public IReadOnlyList<UpstreamEndpoint> Upstream { get; init; } = [];

    public UpstreamStrategy Strategy { get; init; } = UpstreamStrategy.Ordered;

    /// <summary>Conditional forwarders of this view (SplitDns:Forwarders:Conditional with the view's changes).</summary>
    public IReadOnlyList<ConditionalForwarderOptions> Conditional { get; init; } = [];

    /// <summary>Which blocklists apply to this view's clients and how blocked names are answered; off by default.</summary>
    public ViewBlockingSettings Blocking { get; init; } = ViewBlockingSettings.Off;

    /// <summary>The configuration key of this view, for messages ("SplitDns:Views:2").</summary>
    public string ConfigKey { get; init; } = "";

    /// <summary>True when the view matches every client (no networks, no listeners).</summary>
    public bool IsCatchAll => Networks.Count == 0 && Listen.Count == 0;

    /// <summary>The single view of a server without SplitDns:Views: every client, every zone, the global forwarders.</summary>
    public static ViewSettings Default(ForwardersOptions forwarders) => new()
    {
        Name = DefaultName,
        Upstream = forwarders.Upstream,
        Strategy = forwarders.Strategy,
        Conditional = forwarders.Conditional,
    };
}
