using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;

namespace SplitDns.ZoneStore.Updates;

/// <summary>
/// A mutable copy of one zone's records that an UPDATE is applied to. It remembers the RRsets
/// as they were before their first change, so the net difference (for the store and the IXFR
/// journal) is exact even when one message deletes and re-adds the same record.
/// Names match case-insensitively (RFC 4343); each record keeps its owner case as received.
/// </summary>
public sealed partial class ZoneWorkingSet
{
    private readonly Dictionary<DnsName, Dictionary<RecordType, List<WorkingRecord>>> _nodes = [];
    private readonly Dictionary<(DnsName Name, RecordType Type), List<WorkingRecord>> _before = [];
    private readonly List<(DnsName Name, RecordType Type)> _touchedOrder = [];

    public ZoneWorkingSet(DnsName origin, IEnumerable<ResourceRecord> records)
    {
        Origin = origin;
        foreach (ResourceRecord rr in records)
        {
            if (rr.Type == RecordType.SOA && !rr.Name.Equals(origin))
            {
                throw new ArgumentException($"SOA at {rr.Name} is not at the zone apex {origin}", nameof(records));
            }

            GetOrCreate(rr.Name, rr.Type).Add(new WorkingRecord(rr));
        }

        if (FindRrset(origin, RecordType.SOA) is not { Count: 1 })
        {
            throw new ArgumentException($"zone {origin} needs exactly one SOA at its apex", nameof(records));
        }
    }

    public DnsName Origin { get; }

    public ResourceRecord Soa => FindRrset(Origin, RecordType.SOA)![0].Record;

    public SoaRdata SoaData => (SoaRdata)Soa.Data;

    /// <summary>True when at least one RR exists at <paramref name="name"/> (RFC 2136 §2.4.4).</summary>
    public bool NameInUse(DnsName name) => _nodes.TryGetValue(name, out var node) && node.Count > 0;

    public IReadOnlyList<WorkingRecord> GetRrset(DnsName name, RecordType type) =>
        FindRrset(name, type) ?? (IReadOnlyList<WorkingRecord>)[];

    /// <summary>Every record at <paramref name="name"/> (empty when the name holds none).</summary>
    public List<ResourceRecord> RecordsAt(DnsName name)
    {
        var list = new List<ResourceRecord>();
        if (_nodes.TryGetValue(name, out var node))
        {
            foreach (List<WorkingRecord> set in node.Values)
            {
                foreach (WorkingRecord e in set)
                {
                    list.Add(e.Record);
                }
            }
        }

        return list;
    }

    public IEnumerable<RecordType> TypesAt(DnsName name) =>
        _nodes.TryGetValue(name, out var node) ? node.Keys.ToArray() : [];

    /// <summary>Adds one RR. False when an RR with the same RDATA and TTL is already there.</summary>
    public bool Add(ResourceRecord rr)
    {
        var entry = new WorkingRecord(rr);
        List<WorkingRecord>? set = FindRrset(rr.Name, rr.Type);
        if (set is not null && set.Exists(e => e.SameRdataAndTtl(entry) && RrsetTtlIs(set, rr.Ttl)))
        {
            return false;
        }

        Touch(rr.Name, rr.Type);
        set = GetOrCreate(rr.Name, rr.Type);
        set.RemoveAll(e => e.SameRdata(entry));

        // RFC 2181 §5.2: all RRs of an RRset share one TTL; the latest add sets it (as BIND does).
        for (int i = 0; i < set.Count; i++)
        {
            set[i] = set[i].WithTtl(rr.Ttl);
        }

        set.Add(entry);
        return true;
    }

    /// <summary>Replaces a whole RRset with one RR (SOA and CNAME adds, RFC 2136 §3.4.2.2).</summary>
    public bool Replace(ResourceRecord rr)
    {
        var entry = new WorkingRecord(rr);
        List<WorkingRecord>? set = FindRrset(rr.Name, rr.Type);
        if (set is { Count: 1 } && set[0].SameRdataAndTtl(entry))
        {
            return false;
        }

        Touch(rr.Name, rr.Type);
        set = GetOrCreate(rr.Name, rr.Type);
        set.Clear();
        set.Add(entry);
        return true;
    }

    /// <summary>Deletes the RR with exactly this RDATA (canonical comparison). False when absent.</summary>
    public bool Remove(DnsName name, RecordType type, Rdata data)
    {
        List<WorkingRecord>? set = FindRrset(name, type);
        if (set is null)
        {
            return false;
        }

        byte[] canonical = CanonicalRdata.Of(data);
        int index = set.FindIndex(e => e.Canonical.AsSpan().SequenceEqual(canonical));
        if (index < 0)
        {
            return false;
        }

        Touch(name, type);
        set.RemoveAt(index);
        DropIfEmpty(name, type);
        return true;
    }

    /// <summary>Deletes an RRset; returns how many RRs went.</summary>
    public int RemoveRrset(DnsName name, RecordType type)
    {
        List<WorkingRecord>? set = FindRrset(name, type);
        if (set is null || set.Count == 0)
        {
            return 0;
        }

        Touch(name, type);
        int count = set.Count;
        set.Clear();
        DropIfEmpty(name, type);
        return count;
    }

    /// <summary>
    /// Makes the current state the new base (after a commit), so the same working set can take
    /// the next update without being rebuilt from the whole zone.
    /// </summary>
    public void AcceptChanges()
    {
        _before.Clear();
        _touchedOrder.Clear();
    }

    /// <summary>The net change since construction: RRs gone (or with a changed TTL) and RRs new, SOA first.</summary>
    public (List<ResourceRecord> Deleted, List<ResourceRecord> Added) Diff()
    {
        var deleted = new List<ResourceRecord>();
        var added = new List<ResourceRecord>();
        foreach (var key in _touchedOrder)
        {
            List<WorkingRecord> before = _before[key];
            IReadOnlyList<WorkingRecord> after = GetRrset(key.Name, key.Type);
            foreach (WorkingRecord old in before)
            {
                if (!ContainsExact(after, old))
                {
                    deleted.Add(old.Record);
                }
            }

            foreach (WorkingRecord now in after)
            {
                if (!ContainsExact(before, now))
                {
                    added.Add(now.Record);
                }
            }
        }

        // IXFR and the journal want each side's SOA first (RFC 1995 §4).
        return (SoaFirst(deleted), SoaFirst(added));
    }

    private static List<ResourceRecord> SoaFirst(List<ResourceRecord> list)
    {
        int i = list.FindIndex(r => r.Type == RecordType.SOA);
        if (i > 0)
        {
            ResourceRecord soa = list[i];
            list.RemoveAt(i);
            list.Insert(0, soa);
        }

        return list;
    }

    /// <summary>Every record, SOA first (the base of a new snapshot).</summary>
    public List<ResourceRecord> ToRecords()
    {
        var list = new List<ResourceRecord> { Soa };
        foreach (var node in _nodes.Values)
        {
            foreach (var (type, set) in node)
            {
                if (type == RecordType.SOA)
                {
                    continue;
                }

                foreach (WorkingRecord e in set)
                {
                    list.Add(e.Record);
                }
            }
        }

        return list;
    }

    private static bool RrsetTtlIs(List<WorkingRecord> set, uint ttl) => set.TrueForAll(e => e.Record.Ttl == ttl);

    private static bool ContainsExact(IReadOnlyList<WorkingRecord> set, WorkingRecord entry)
    {
        foreach (WorkingRecord e in set)
        {
            if (e.SameRdataAndTtl(entry))
            {
                return true;
            }
        }

        return false;
    }

    private void Touch(DnsName name, RecordType type)
    {
        var key = (name, type);
        if (!_before.ContainsKey(key))
        {
            _before[key] = FindRrset(name, type) is { } set ? [.. set] : [];
            _touchedOrder.Add(key);
        }
    }

    private List<WorkingRecord>? FindRrset(DnsName name, RecordType type) =>
        _nodes.TryGetValue(name, out var node) && node.TryGetValue(type, out var set) ? set : null;

    private List<WorkingRecord> GetOrCreate(DnsName name, RecordType type)
    {
        if (!_nodes.TryGetValue(name, out var node))
        {
            node = [];
            _nodes[name] = node;
        }

        if (!node.TryGetValue(type, out var set))
        {
            set = [];
            node[type] = set;
        }

        return set;
    }

    private void DropIfEmpty(DnsName name, RecordType type)
    {
        if (_nodes.TryGetValue(name, out var node) && node.TryGetValue(type, out var set) && set.Count == 0)
        {
            node.Remove(type);
            if (node.Count == 0)
            {
                _nodes.Remove(name);
            }
        }
    }
}
