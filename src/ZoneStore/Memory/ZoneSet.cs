using SplitDns.Protocol.Names;

namespace SplitDns.ZoneStore.Memory;

/// <summary>
/// The zones one view sees: its own instances, and the shared ones it includes (all of them, or
/// the listed origins), where an own instance hides the shared one of the same origin (split
/// horizon). It follows the <see cref="ZoneCatalog"/>: every publish recomputes the one origin it
/// touched, copy-on-write, on the writer's thread, so once a publish returns every view answers
/// from the new data. Lookups read one map without locks and allocate nothing.
/// </summary>
public sealed class ZoneSet : IDisposable
{
    private readonly ZoneCatalog _catalog;
    private readonly IReadOnlySet<DnsName>? _sharedOrigins;
    private readonly Lock _writeLock = new();
    private Dictionary<DnsName, ZoneSetEntry> _zones = [];

    /// <param name="catalog">Every loaded zone instance.</param>
    /// <param name="view">The view whose own instances are seen (and hide shared ones).</param>
    /// <param name="sharedOrigins">The shared zones this view includes; null for all of them.</param>
    public ZoneSet(ZoneCatalog catalog, string view, IReadOnlySet<DnsName>? sharedOrigins = null)
    {
        _catalog = catalog;
        View = view;
        _sharedOrigins = sharedOrigins;
        _catalog.Changed += OnChanged;
        lock (_writeLock)
        {
            var zones = new Dictionary<DnsName, ZoneSetEntry>();
            foreach (ZoneKey key in catalog.Entries.Keys)
            {
                if (Resolve(key.Origin) is { } entry)
                {
                    zones[key.Origin] = entry;
                }
            }

            Volatile.Write(ref _zones, zones);
        }
    }

    public string View { get; }

    public int Count => Volatile.Read(ref _zones).Count;

    /// <summary>The zones this view sees, each with the instance it comes from.</summary>
    public IEnumerable<ZoneSetEntry> Entries => Volatile.Read(ref _zones).Values;

    /// <summary>
    /// Finds the zone with the longest origin that contains <paramref name="name"/> (RFC 1034
    /// §4.3.2 step 2). Allocates nothing: parents are slices of the same wire bytes.
    /// </summary>
    public bool TryFindZone(DnsName name, out ZoneSnapshot zone)
    {
        bool found = TryFind(name, out ZoneSetEntry? entry);
        zone = found ? entry!.Snapshot : null!;
        return found;
    }

    /// <summary>As <see cref="TryFindZone(DnsName, out ZoneSnapshot)"/>, with the instance's key.</summary>
    public bool TryFind(DnsName name, out ZoneSetEntry? entry)
    {
        Dictionary<DnsName, ZoneSetEntry> zones = Volatile.Read(ref _zones);
        entry = null;
        if (zones.Count == 0)
        {
            return false;
        }

        DnsName current = name;
        while (true)
        {
            if (zones.TryGetValue(current, out entry))
            {
                return true;
            }

            if (current.IsRoot)
            {
                return false;
            }

            current = current.Parent();
        }
    }

    /// <summary>The zone of exactly this origin as this view sees it, or null.</summary>
    public ZoneSetEntry? Get(DnsName origin) =>
        Volatile.Read(ref _zones).TryGetValue(origin, out ZoneSetEntry? entry) ? entry : null;

    /// <summary>True when this view sees the instance <paramref name="key"/>.</summary>
    public bool Sees(ZoneKey key) => Get(key.Origin) is { } entry && entry.Key == key;

    public void Dispose() => _catalog.Changed -= OnChanged;

    private void OnChanged(ZoneChange change)
    {
        if (!change.Key.IsShared && change.Key.View != View)
        {
            return;
        }

        lock (_writeLock)
        {
            // Read the catalog's current state, not the change: nested publishes (a stale-snapshot
            // guard republishing) then leave the set as the catalog ends, in any order.
            ZoneSetEntry? entry = Resolve(change.Origin);
            Dictionary<DnsName, ZoneSetEntry> zones = _zones;
            if (zones.TryGetValue(change.Origin, out ZoneSetEntry? old) && entry is not null
                && old.Key == entry.Key && ReferenceEquals(old.Snapshot, entry.Snapshot))
            {
                return;
            }

            var next = new Dictionary<DnsName, ZoneSetEntry>(zones);
            if (entry is null)
            {
                next.Remove(change.Origin);
            }
            else
            {
                next[change.Origin] = entry;
            }

            Volatile.Write(ref _zones, next);
        }
    }

    private ZoneSetEntry? Resolve(DnsName origin)
    {
        var own = new ZoneKey(View, origin);
        if (View.Length > 0 && _catalog.Get(own) is { } mine)
        {
            return new ZoneSetEntry(own, mine);
        }

        ZoneKey shared = ZoneKey.Shared(origin);
        if ((_sharedOrigins is null || _sharedOrigins.Contains(origin)) && _catalog.Get(shared) is { } common)
        {
            return new ZoneSetEntry(shared, common);
        }

        return null;
    }
}
