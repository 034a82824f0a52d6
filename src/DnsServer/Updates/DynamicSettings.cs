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
    /// <summary>Which store holds the zones: the embedded SQLite file, or a PostgreSQL database replicas share.</summary>
    public StoreProvider Provider { get; init; } = StoreProvider.Sqlite;

    /// <summary>SQLite file; empty means no store (UPDATE answered REFUSED, zones from files only).</summary>
    public string StorePath { get; init; } = "";

    /// <summary>PostgreSQL connection string (from Store:ConnectionString or the file Store:ConnectionStringFile names).</summary>
    public string ConnectionString { get; init; } = "";

    /// <summary>Folder of the local snapshot cache a replica serves from when it starts with the database down ("" = none).</summary>
    public string SnapshotCachePath { get; init; } = "";

    /// <summary>How often every zone catches up from the shared store's journal, besides the change notifications.</summary>
    public TimeSpan CatchUpInterval { get; init; } = TimeSpan.FromSeconds(5);

    public int JournalLimit { get; init; } = 10_000;

    public TsigKeyRing Keys { get; init; } = TsigKeyRing.Empty;

    public UpdateSettings Serial { get; init; } = new();

    /// <summary>Per zone instance (shared or view-owned): who may update, transfer, and whom to NOTIFY.</summary>
    public IReadOnlyDictionary<ZoneKey, DynamicZoneSettings> Zones { get; init; } = new Dictionary<ZoneKey, DynamicZoneSettings>();

    public bool StoreEnabled => Provider == StoreProvider.Postgres || StorePath.Length > 0;
}
