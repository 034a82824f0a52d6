using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Updates;

namespace SplitDns.Server.Updates.Guard;

/// <summary>What the mass-deletion guard counts, holds and approves by: one zone instance and one TSIG key.</summary>
public readonly record struct GuardScope
{
    public GuardScope(ZoneKey zone, string key)
    {
        Zone = zone;
        Key = UpdateGrant.NormalizeKey(key);
    }

    public ZoneKey Zone { get; }

    /// <summary>The canonical key name (lowercase, trailing dot).</summary>
    public string Key { get; }

    /// <summary>The zone's origin in lowercase, for the API, the CLI and metric labels.</summary>
    public string ZoneName => Zone.Origin.ToString().ToLowerInvariant();

    /// <summary>The name of its approval and hold in the admin store: "view|zone|key".</summary>
    public string StoreName => $"{Zone.View}|{ZoneName}|{Key}";

    public override string ToString() => $"key {Key} in zone {Zone}";
}
