using SplitDns.Protocol.Names;

namespace SplitDns.Forwarders.Conditional;

/// <summary>
/// Conditional forwarder zones with longest-suffix matching: the query name and then each of
/// its ancestors is looked up, so "a.lan.example.com" goes to the forwarder of
/// "lan.example.com" rather than one of "example.com". The server compares the returned label
/// count with that of the best served zone: the longer match wins (DESIGN.md, query path).
/// </summary>
public sealed class ForwarderZoneTable
{
    private readonly Dictionary<DnsName, ForwarderZone> _zones = [];
    private readonly DnsNameTable<ForwarderZone> _table;

    public ForwarderZoneTable(IEnumerable<ForwarderZone> zones)
    {
        foreach (ForwarderZone zone in zones)
        {
            if (!_zones.TryAdd(zone.Zone, zone))
            {
                throw new ArgumentException($"conditional forwarder zone {zone.Zone} is configured twice", nameof(zones));
            }
        }

        _table = new DnsNameTable<ForwarderZone>(_zones);
    }

    public static ForwarderZoneTable Empty { get; } = new([]);

    public int Count => _zones.Count;

    public IEnumerable<ForwarderZone> Zones => _zones.Values;

    /// <summary>The zones by name, for a suffix walk shared with the served zones (NameRouter).</summary>
    public DnsNameTable<ForwarderZone> Table => _table;

    /// <summary>
    /// Finds the deepest forwarder zone containing <paramref name="name"/>; <paramref name="labelCount"/>
    /// is that zone's label count (the root has 0), for comparison with served zones.
    /// </summary>
    public bool TryMatch(DnsName name, out ForwarderZone? zone, out int labelCount) =>
        _table.TryFindDeepest(name, out zone, out labelCount);
}
