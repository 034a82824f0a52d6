using SplitDns.Protocol.Names;
using SplitDns.Protocol.Tsig;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Updates;

namespace SplitDns.Server.Updates;

/// <summary>
/// Validated settings for dynamic updates, transfers and the store (read by
/// <see cref="DynamicSettingsReader"/> from "SplitDns:Store", "SplitDns:Tsig", "SplitDns:Updates"
/// and each zone's "Updates", "Transfer" and "Notify").
/// </summary>
public sealed class DynamicSettings
{
    /// <summary>SQLite file; empty means no store (UPDATE answered REFUSED, zones from files only).</summary>
    public string StorePath { get; init; } = "";

    public int JournalLimit { get; init; } = 10_000;

    public TsigKeyRing Keys { get; init; } = TsigKeyRing.Empty;

    public UpdateSettings Serial { get; init; } = new();

    /// <summary>Per zone instance (shared or view-owned): who may update, transfer, and whom to NOTIFY.</summary>
    public IReadOnlyDictionary<ZoneKey, DynamicZoneSettings> Zones { get; init; } = new Dictionary<ZoneKey, DynamicZoneSettings>();

    public bool StoreEnabled => StorePath.Length > 0;
}
