using SplitDns.Protocol.Names;

namespace SplitDns.ZoneStore.Memory;

/// <summary>
/// Identifies one zone instance: its origin and the view whose data it is. A shared zone (the
/// common case: one zone every view sees) has the empty view name. Split horizon is one origin
/// with several instances: the shared one and view-owned ones with different data. The store
/// keys zones by (view, origin); a plain origin converts to the shared instance.
/// </summary>
public readonly record struct ZoneKey(string View, DnsName Origin)
{
    /// <summary>The view name of zones every view sees.</summary>
    public const string SharedView = "";

    public bool IsShared => View.Length == 0;

    public static ZoneKey Shared(DnsName origin) => new(SharedView, origin);

    /// <summary>A plain origin means the shared instance (zones without views, as before views existed).</summary>
    public static implicit operator ZoneKey(DnsName origin) => Shared(origin);

    /// <summary>"example.com." for a shared zone, "example.com. (view tailscale)" for a view's own.</summary>
    public override string ToString() => IsShared ? Origin.ToString() : $"{Origin} (view {View})";
}
