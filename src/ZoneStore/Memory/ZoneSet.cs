using SplitDns.Protocol.Names;

namespace SplitDns.ZoneStore.Memory;

/// <summary>
/// The zones one view sees: its own instances, and the shared ones it includes (all of them, or
/// the listed origins), where an own instance hides the shared one of the same origin (split
/// horizon). It follows the <see cref="ZoneCatalog"/>: every publish recomputes the one origin it
/// touched, copy-on-write, on the writer's thread, so once a publish returns every view answers
/// from the new data. Lookups read one immutable <see cref="DnsNameTable{T}"/> without locks and
/// allocate nothing; the query path walks it together with the conditional forwarders' (NameRouter).
/// </summary>
public sealed class ZoneSet : IDisposable
{
    private readonly ZoneCatalog _catalog;
    private readonly IReadOnlySet<DnsName>? _sharedOrigins;
    private readonly Lock _writeLock = new();
    // The writer's copy (under _writeLock); readers see only _table, rebuilt from it on each change.
    private readonly Dictionary<DnsName, ZoneSetEntry> _zones = [];
    private DnsNameTable<ZoneSetEntry> _table = DnsNameTable<ZoneSetEntry>.Empty;

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
            foreach (ZoneKey key in catalog.Entries.Keys)
            {
                if (Resolve(key.Origin) is { } entry)
                {
                    _zones[key.Origin] = entry;
                }
            }

            Volatile.Write(ref _table, new DnsNameTable<ZoneSetEntry>(_zones));
        }
    }

    public string View { get; }

    public int Count => Volatile.Read(ref _table).Count;

    /// <summary>The zones this view sees, each with the instance it comes from.</summary>
    public IEnumerable<ZoneSetEntry> Entries => Volatile.Read(ref _table).Values;

    /// <summary>The zones this view sees now, by origin: one immutable table, for a suffix walk.</summary>
    public DnsNameTable<ZoneSetEntry> Origins => Volatile.Read(ref _table);

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
        return Volatile.Read(ref _table).TryFindDeepest(name, out entry, out _);
    }

    /// <summary>The zone of exactly this origin as this view sees it, or null.</summary>
    public ZoneSetEntry? Get(DnsName origin) =>
        Volatile.Read(ref _table).TryGetValue(origin, out ZoneSetEntry? entry) ? entry : null;

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
            if (_zones.TryGetValue(change.Origin, out ZoneSetEntry? old) && entry is not null
                && old.Key == entry.Key && ReferenceEquals(old.Snapshot, entry.Snapshot))
            {
                return;
            }

            if (entry is null)
            {
                if (!_zones.Remove(change.Origin))
                {
                    return;
                }
            }
            else
            {
                _zones[change.Origin] = entry;
            }

            Volatile.Write(ref _table, new DnsNameTable<ZoneSetEntry>(_zones));
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
