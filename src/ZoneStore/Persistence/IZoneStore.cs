using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.ZoneStore.Persistence;

/// <summary>
/// Durable zone data, per zone instance (<see cref="ZoneKey"/>: view and origin): records with
/// provenance, and a journal of every change. Implementations:
/// SQLite (embedded default) and PostgreSQL (shared by replicas). Every method is atomic; a
/// commit returns only once it is durable, so an acknowledged UPDATE survives a crash. A store
/// that cannot be reached throws <see cref="ZoneStoreUnavailableException"/> and changes nothing.
/// </summary>
public interface IZoneStore : IAsyncDisposable
{
    /// <summary>Creates or migrates the schema. Call once before anything else.</summary>
    Task InitializeAsync(CancellationToken ct);

    Task<IReadOnlyList<ZoneKey>> ListZonesAsync(CancellationToken ct);

    /// <summary>The zone's stored serial, or null when the store does not have it (cheap: no records read).</summary>
    Task<uint?> GetSerialAsync(ZoneKey zone, CancellationToken ct);

    /// <summary>The zone's records and serial, or null when the store does not have it.</summary>
    Task<StoredZone?> LoadZoneAsync(ZoneKey zone, CancellationToken ct);

    /// <summary>
    /// Brings the zone-file records of a zone in line with <paramref name="fileRecords"/> (SOA
    /// included): a new zone is created, a changed file replaces the <c>file</c> records and
    /// never touches dynamic or API ones, and the serial advances past the stored one.
    /// </summary>
    Task<ReconcileResult> ReconcileFileAsync(ZoneKey zone, IReadOnlyList<ResourceRecord> fileRecords,
        DateTimeOffset now, CancellationToken ct);

    /// <summary>
    /// Creates a zone that does not exist yet from <paramref name="creation"/>: its records are
    /// <see cref="ZoneCommit.Added"/> (SOA included) with the commit's provenance, its serial
    /// <see cref="ZoneCommit.NewSerial"/>, and the creation is the zone's first journal row (from
    /// <see cref="ZoneCommit.BaseSerial"/>, normally 0, with nothing deleted). False, and nothing
    /// changed, when the zone exists already (created by anyone, committed).
    /// </summary>
    Task<bool> CreateZoneAsync(ZoneCommit creation, CancellationToken ct);

    /// <summary>Deletes the zone with its records and journal in one transaction; false when there was none.</summary>
    Task<bool> DeleteZoneAsync(ZoneKey zone, CancellationToken ct);

    /// <summary>Applies a change and its journal row in one durable transaction (compare-and-set on the serial).</summary>
    Task<CommitStatus> CommitAsync(ZoneCommit change, CancellationToken ct);

    /// <summary>
    /// Group commit: applies several changes of one zone, each with its own journal row, in ONE
    /// durable transaction (one fsync). Each change must start at the serial the previous one
    /// ended at, the first at the zone's stored serial; otherwise nothing is applied (Conflict).
    /// </summary>
    Task<CommitStatus> CommitAsync(IReadOnlyList<ZoneCommit> changes, CancellationToken ct);

    /// <summary>
    /// Journal rows from the one that starts at <paramref name="fromSerial"/> to the newest, in
    /// order; null when the journal does not reach back that far (IXFR then falls back to AXFR).
    /// </summary>
    Task<IReadOnlyList<JournalEntry>?> ReadJournalAsync(ZoneKey zone, uint fromSerial, CancellationToken ct);

    /// <summary>
    /// Up to <paramref name="limit"/> journal rows of the zone, newest first, each older than the
    /// row with sequence <paramref name="beforeSequence"/> (null: from the newest). Empty when the
    /// zone or its journal is gone. History and rollback page through it.
    /// </summary>
    Task<IReadOnlyList<JournalEntry>> ReadJournalNewestFirstAsync(ZoneKey zone, long? beforeSequence, int limit, CancellationToken ct);

    /// <summary>Number of journal rows kept for the zone.</summary>
    Task<long> CountJournalAsync(ZoneKey zone, CancellationToken ct);

    /// <summary>Drops all but the newest <paramref name="keep"/> journal rows; returns how many went.</summary>
    Task<int> TrimJournalAsync(ZoneKey zone, int keep, CancellationToken ct);
}
