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

    /// <summary>The mass-deletion guard ("SplitDns:Updates:MassDeletionGuard" and each grant's "MassDeletionGuard").</summary>
    public Guard.MassDeletionGuardSettings MassDeletionGuard { get; init; } = Guard.MassDeletionGuardSettings.Default;

    private readonly Lock _zonesLock = new();
    private IReadOnlyDictionary<ZoneKey, DynamicZoneSettings> _zones = new Dictionary<ZoneKey, DynamicZoneSettings>();

    /// <summary>
    /// Per zone instance (shared or view-owned): who may update, transfer, and whom to NOTIFY. The
    /// configuration's at start; zones created through the HTTP API are added and removed at run
    /// time (<see cref="SetZone"/>), copy-on-write, so readers never lock.
    /// </summary>
    public IReadOnlyDictionary<ZoneKey, DynamicZoneSettings> Zones
    {
        get => Volatile.Read(ref _zones);
        init => _zones = value;
    }

    /// <summary>Adds or replaces one zone instance's settings (a zone created at run time).</summary>
    public void SetZone(DynamicZoneSettings zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        lock (_zonesLock)
        {
            var next = new Dictionary<ZoneKey, DynamicZoneSettings>(_zones) { [zone.Key] = zone };
            Volatile.Write(ref _zones, next);
        }
    }

    /// <summary>Removes one zone instance's settings (a runtime zone deleted).</summary>
    public void RemoveZone(ZoneKey zone)
    {
        lock (_zonesLock)
        {
            var next = new Dictionary<ZoneKey, DynamicZoneSettings>(_zones);
            if (next.Remove(zone))
            {
                Volatile.Write(ref _zones, next);
            }
        }
    }

    public bool StoreEnabled => Provider == StoreProvider.Postgres || StorePath.Length > 0;
}
