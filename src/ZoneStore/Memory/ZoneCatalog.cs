using SplitDns.Protocol.Names;

namespace SplitDns.ZoneStore.Memory;

/// <summary>
/// The zones served right now. Readers take the current map without locks; writers copy it,
/// change the copy and swap it in with <see cref="Volatile.Write{T}(ref T, T)"/> (STYLE rule 6).
/// </summary>
public sealed class ZoneCatalog
{
    private readonly Lock _writeLock = new();
    private Dictionary<DnsName, ZoneSnapshot> _zones = [];

    /// <summary>Raised after every publish or removal, on the writer's thread.</summary>
    public event Action<ZoneChange>? Changed;

    public int Count => Volatile.Read(ref _zones).Count;

    /// <summary>A consistent copy of the current zones (for metrics, readiness, the API).</summary>
    public IReadOnlyCollection<ZoneSnapshot> Zones => Volatile.Read(ref _zones).Values;

    /// <summary>
    /// Finds the zone with the longest origin that contains <paramref name="name"/> (RFC 1034
    /// §4.3.2 step 2). Allocates nothing: parents are slices of the same wire bytes.
    /// </summary>
    public bool TryFindZone(DnsName name, out ZoneSnapshot zone)
    {
        Dictionary<DnsName, ZoneSnapshot> zones = Volatile.Read(ref _zones);
        if (zones.Count == 0)
        {
            zone = null!;
            return false;
        }

        DnsName current = name;
        while (true)
        {
            if (zones.TryGetValue(current, out ZoneSnapshot? found))
            {
                zone = found;
                return true;
            }

            if (current.IsRoot)
            {
                zone = null!;
                return false;
            }

            current = current.Parent();
        }
    }

    public ZoneSnapshot? Get(DnsName origin) =>
        Volatile.Read(ref _zones).TryGetValue(origin, out ZoneSnapshot? zone) ? zone : null;

    /// <summary>Adds or replaces the zone with <paramref name="snapshot"/>'s origin.</summary>
    public void Publish(ZoneSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ZoneSnapshot? previous;
        lock (_writeLock)
        {
            var next = new Dictionary<DnsName, ZoneSnapshot>(_zones);
            next.TryGetValue(snapshot.Origin, out previous);
            next[snapshot.Origin] = snapshot;
            Volatile.Write(ref _zones, next);
        }

        Changed?.Invoke(new ZoneChange(snapshot.Origin, previous, snapshot));
    }

    public void Remove(DnsName origin)
    {
        ZoneSnapshot? previous;
        lock (_writeLock)
        {
            if (!_zones.TryGetValue(origin, out previous))
            {
                return;
            }

            var next = new Dictionary<DnsName, ZoneSnapshot>(_zones);
            next.Remove(origin);
            Volatile.Write(ref _zones, next);
        }

        Changed?.Invoke(new ZoneChange(origin, previous, null));
    }
}
