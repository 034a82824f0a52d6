namespace SplitDns.ZoneStore.Persistence;

/// <summary>
/// One zone's write lock and the transaction that holds it (see <see cref="IZoneWriteSessions"/>).
/// Disposing it without <see cref="CommitAsync"/> rolls back and releases the lock.
/// </summary>
public interface IZoneWriteSession : IAsyncDisposable
{
    /// <summary>The zone's serial in the store, read under the lock: no other writer can move it now.</summary>
    uint Serial { get; }

    /// <summary>
    /// Journal rows from <paramref name="fromSerial"/> to <see cref="Serial"/> in order; empty when
    /// they are equal, null when the journal does not reach back that far.
    /// </summary>
    Task<IReadOnlyList<JournalEntry>?> ReadJournalAsync(uint fromSerial, CancellationToken ct);

    /// <summary>
    /// Writes the changes (each must start at the serial the last ended, the first at
    /// <see cref="Serial"/>) and commits; the lock goes with the transaction. Returns the zone's
    /// journal length after the commit, or null on a compare-and-set conflict (nothing written).
    /// </summary>
    Task<long?> CommitAsync(IReadOnlyList<ZoneCommit> changes, CancellationToken ct);
}
