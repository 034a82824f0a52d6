using System.Net;
using SplitDns.Protocol.Names;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Transfer;
using SplitDns.ZoneStore.Updates;

namespace SplitDns.Server.Updates;

/// <summary>Per-zone dynamic settings: who may update, who may transfer, whom to NOTIFY.</summary>
public sealed class DynamicZoneSettings
{
    /// <summary>The zone instance (view and origin) these settings are for.</summary>
    public required ZoneKey Key { get; init; }

    public DnsName Origin => Key.Origin;

    public ZoneUpdatePolicy Policy { get; init; } = ZoneUpdatePolicy.DenyAll;

    public TransferAcl Transfer { get; init; } = TransferAcl.DenyAll;

    /// <summary>Secondaries sent a NOTIFY (RFC 1996) after every change.</summary>
    public IReadOnlyList<IPEndPoint> Notify { get; init; } = [];
}
