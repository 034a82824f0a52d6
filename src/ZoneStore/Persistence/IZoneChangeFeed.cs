using SplitDns.ZoneStore.Memory;

namespace SplitDns.ZoneStore.Persistence;

/// <summary>
/// Tells a replica that another writer sharing its store committed a change (PostgreSQL:
/// LISTEN/NOTIFY). Best effort by nature: a notification sent while the feed was disconnected is
/// lost, so <see cref="Connected"/> fires after every (re)connect, once listening, and the
/// subscriber then catches up every zone from the journal.
/// </summary>
public interface IZoneChangeFeed : IAsyncDisposable
{
    /// <summary>A writer committed <c>zone</c> up to <c>serial</c> (possibly this replica itself).</summary>
    event Action<ZoneKey, uint>? Changed;

    /// <summary>Listening (first connect or reconnect): notifications from now on arrive.</summary>
    event Action? Connected;

    /// <summary>The connection was lost; the feed keeps retrying with backoff.</summary>
    event Action<Exception>? Disconnected;

    /// <summary>True while listening.</summary>
    bool IsConnected { get; }

    /// <summary>Connects, listens and raises events until <paramref name="ct"/> is cancelled; never throws for connection failures.</summary>
    Task RunAsync(CancellationToken ct);
}
