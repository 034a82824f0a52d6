using SplitDns.Protocol.Names;

namespace SplitDns.ZoneStore.Memory;

/// <summary>
/// Every zone instance loaded right now, shared and view-owned, by <see cref="ZoneKey"/>. Readers
/// take the current map without locks; writers copy it, change the copy and swap it in with
/// <see cref="Volatile.Write{T}(ref T, T)"/> (STYLE rule 6). Queries look names up through a
/// view's <see cref="ZoneSet"/>, which follows this catalog.
/// </summary>
public sealed class ZoneCatalog
{
    private readonly Lock _writeLock = new();
    private Dictionary<ZoneKey, ZoneSnapshot> _zones = [];

    /// <summary>Raised after every publish or removal, on the writer's thread.</summary>
    public event Action<ZoneChange>? Changed;

    public int Count => Volatile.Read(ref _zones).Count;

    /// <summary>A consistent copy of the current zones (for metrics, readiness, the API).</summary>
    public IReadOnlyCollection<ZoneSnapshot> Zones => Volatile.Read(ref _zones).Values;

    /// <summary>The current zones with their keys.</summary>
    public IReadOnlyDictionary<ZoneKey, ZoneSnapshot> Entries => Volatile.Read(ref _zones);

    public ZoneSnapshot? Get(ZoneKey key) =>
        Volatile.Read(ref _zones).TryGetValue(key, out ZoneSnapshot? zone) ? zone : null;

    /// <summary>Every instance of <paramref name="origin"/> (the shared one and view-owned ones).</summary>
    public List<ZoneKey> InstancesOf(DnsName origin)
    {
        var keys = new List<ZoneKey>(2);
        foreach (ZoneKey key in Volatile.Read(ref _zones).Keys)
        {
            if (key.Origin.Equals(origin))
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    /// <summary>Adds or replaces the shared zone with <paramref name="snapshot"/>'s origin.</summary>
    public void Publish(ZoneSnapshot snapshot) => Publish(ZoneKey.Shared(snapshot.Origin), snapshot);

    /// <summary>Adds or replaces the zone instance <paramref name="key"/>.</summary>
    public void Publish(ZoneKey key, ZoneSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!key.Origin.Equals(snapshot.Origin))
        {
            throw new ArgumentException($"snapshot of {snapshot.Origin} published as {key}", nameof(snapshot));
        }

        ZoneSnapshot? previous;
        lock (_writeLock)
        {
            var next = new Dictionary<ZoneKey, ZoneSnapshot>(_zones);
            next.TryGetValue(key, out previous);
            next[key] = snapshot;
            Volatile.Write(ref _zones, next);
        }

        Changed?.Invoke(new ZoneChange(key, previous, snapshot));
    }

    public void Remove(ZoneKey key)
    {
        ZoneSnapshot? previous;
        lock (_writeLock)
        {
            if (!_zones.TryGetValue(key, out previous))
            {
                return;
            }

            var next = new Dictionary<ZoneKey, ZoneSnapshot>(_zones);
            next.Remove(key);
            Volatile.Write(ref _zones, next);
        }

        Changed?.Invoke(new ZoneChange(key, previous, null));
    }
}
