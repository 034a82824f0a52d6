using SplitDns.ZoneStore.Memory;

namespace SplitDns.ZoneStore.Persistence;

/// <summary>
/// A store that several writers share can open a write session per zone: one transaction that
/// holds the zone's write lock from the first read to the commit. The writer reads the serial
/// and the other writers' journal rows, applies its batch on top and commits in that same
/// transaction, so writers take turns instead of colliding on the compare-and-set, and a commit
/// costs a few round trips rather than one transaction per step. The compare-and-set stays the
/// guarantee; the session only removes the collisions.
/// </summary>
public interface IZoneWriteSessions
{
    /// <summary>Waits for the zone's write lock; null when the store has no such zone.</summary>
    Task<IZoneWriteSession?> BeginZoneWriteAsync(ZoneKey zone, CancellationToken ct);
}
