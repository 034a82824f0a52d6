using SplitDns.ZoneStore.Memory;

namespace SplitDns.ZoneStore.Persistence;

/// <summary>
/// A store that several writers share can hand out a per-zone write lock. A writer holding it
/// catches up with what the others committed, applies its batch on top and commits, so writers
/// take turns instead of colliding on the compare-and-set and retrying. The compare-and-set
/// stays the guarantee (a writer that does not lock, such as a zone-file reconcile, is still
/// caught by it); the lock only removes the collisions.
/// </summary>
public interface IZoneWriteLocks
{
    /// <summary>Waits for the zone's write lock; disposing the result releases it.</summary>
    Task<IAsyncDisposable> LockZoneAsync(ZoneKey zone, CancellationToken ct);
}
