using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;

namespace SplitDns.ZoneStore.Memory;

public sealed partial class ZoneSnapshot
{
    /// <summary>
    /// Builds and validates a snapshot. Throws <see cref="ArgumentException"/> naming the reason
    /// when: a record is outside the zone, there is not exactly one SOA (at the apex), a CNAME
    /// shares its node with other data (RFC 1034 §3.6.2, RFC 2181 §10.1), a node has two
    /// DNAMEs or two CNAMEs (RFC 6672 §2.4), or a record's class differs from the SOA's.
    /// Duplicate records are merged (RFC 2181 §5); an RRset's TTL is its lowest (RFC 2181 §5.2).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ZoneSnapshot Create(DnsName origin, IEnumerable<ResourceRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);

        // Grouped by owner without a collection per owner (a million-record zone made a million
        // dictionaries and lists here): each owner keeps the first and last index of a chain
        // threaded through one array, in file order.
        ResourceRecord[] all = records as ResourceRecord[] ?? [.. records];
        var next = new int[all.Length];
        var byOwner = new Dictionary<DnsName, OwnerChain>(all.Length);
        ResourceRecord? soa = null;
        for (int i = 0; i < all.Length; i++)
        {
            ResourceRecord rr = all[i];
            Validate(origin, rr, ref soa);
            next[i] = -1;
            ref OwnerChain chain = ref CollectionsMarshal.GetValueRefOrAddDefault(byOwner, rr.Name, out bool exists);
            if (exists)
            {
                next[chain.Last] = i;
                chain.Last = i;
            }
            else
            {
                chain = new OwnerChain(i, i);
            }
        }

        if (soa is null)
        {
            throw new ArgumentException($"zone {origin} has no SOA record at its apex");
        }

        var nodes = new Dictionary<DnsName, ZoneNode>(byOwner.Count + (byOwner.Count >> 3));
        int count = 0;
        Rrset? soaSet = null;
        var scratch = new BuildScratch();
        foreach (var (owner, chain) in byOwner)
        {
            Rrset[] sets = BuildRrsets(owner, all, next, chain.First, soa.Class, scratch);
            foreach (Rrset set in sets)
            {
                count += set.Count;
                if (set.Type == RecordType.SOA)
                {
                    soaSet = set;
                }
            }

            ZoneNode node = GetOrAddNode(nodes, owner);
            node.SetRrsets(sets);
            AddEmptyNonTerminals(nodes, origin, owner);
        }

        ComputeFlags(nodes, origin);

        // The transfer order (a sort of every record) is built on first use, as for incremental
        // builds: most snapshots are never transferred, and a 1M-record sort is a second at start.
        return new ZoneSnapshot(origin, nodes, count, soaSet!);
    }

    /// <summary>The first and last record index of one owner's chain in <c>Create</c>.</summary>
    private record struct OwnerChain(int First, int Last);

    private static void Validate(DnsName origin, ResourceRecord rr, ref ResourceRecord? soa)
    {
        if (!rr.Name.IsSubdomainOf(origin))
        {
            throw new ArgumentException($"record '{rr}' is outside zone {origin}");
        }

        if (rr.Type is RecordType.OPT or RecordType.TSIG or RecordType.TKEY or RecordType.ANY or RecordType.AXFR or RecordType.IXFR)
        {
            throw new ArgumentException($"record '{rr}' has a meta type that cannot be stored in a zone");
        }

        if (rr.Type != RecordType.SOA)
        {
            return;
        }

        if (!rr.Name.Equals(origin))
        {
            throw new ArgumentException($"SOA record '{rr}' is not at the zone apex {origin}");
        }

        if (soa is not null && !soa.Data.Equals(rr.Data))
        {
            throw new ArgumentException($"zone {origin} has more than one SOA record");
        }

        soa = rr;
    }

    /// <summary>The RRsets of one owner, from its chain of record indexes (types in first-seen order, then sorted).</summary>
    private static Rrset[] BuildRrsets(DnsName owner, ResourceRecord[] all, int[] next, int first, DnsClass zoneClass, BuildScratch scratch)
    {
        // O(records × distinct types) for the owner: a handful of types per name.
        List<RecordType> types = scratch.Types;
        types.Clear();
        for (int i = first; i >= 0; i = next[i])
        {
            ResourceRecord rr = all[i];
            if (rr.Class != zoneClass)
            {
                throw new ArgumentException($"record '{rr}' has class {RecordTypeNames.ClassToText(rr.Class)}, the zone is {RecordTypeNames.ClassToText(zoneClass)}");
            }

            if (!types.Contains(rr.Type))
            {
                types.Add(rr.Type);
            }
        }

        var sets = new Rrset[types.Count];
        for (int t = 0; t < sets.Length; t++)
        {
            List<ResourceRecord> records = scratch.Records;
            records.Clear();
            for (int i = first; i >= 0; i = next[i])
            {
                if (all[i].Type == types[t])
                {
                    records.Add(all[i]);
                }
            }

            sets[t] = Rrset.FromRecords(records);
        }

        CheckCoexistence(owner, sets);
        if (sets.Length > 1)
        {
            Array.Sort(sets, static (a, b) => ((ushort)a.Type).CompareTo((ushort)b.Type));
        }

        return sets;
    }

    /// <summary>The RRsets of one owner from its records by type (incremental builds).</summary>
    private static Rrset[] BuildRrsets(DnsName owner, Dictionary<RecordType, List<ResourceRecord>> types, DnsClass zoneClass)
    {
        var sets = new Rrset[types.Count];
        int i = 0;
        foreach (var (type, list) in types)
        {
            foreach (ResourceRecord rr in list)
            {
                if (rr.Class != zoneClass)
                {
                    throw new ArgumentException($"record '{rr}' has class {RecordTypeNames.ClassToText(rr.Class)}, the zone is {RecordTypeNames.ClassToText(zoneClass)}");
                }
            }

            sets[i++] = Rrset.FromRecords(list);
        }

        CheckCoexistence(owner, sets);
        Array.Sort(sets, static (a, b) => ((ushort)a.Type).CompareTo((ushort)b.Type));
        return sets;
    }

    /// <summary>Lists reused for every owner while one snapshot is built.</summary>
    private sealed class BuildScratch
    {
        public List<RecordType> Types { get; } = [];

        public List<ResourceRecord> Records { get; } = [];
    }

    private static void CheckCoexistence(DnsName owner, Rrset[] sets)
    {
        foreach (Rrset set in sets)
        {
            if (set.Type is RecordType.CNAME or RecordType.DNAME && set.Count > 1)
            {
                throw new ArgumentException($"{owner} has {set.Count} {set.Type} records; only one is allowed (RFC 2181 §10.1, RFC 6672 §2.4)");
            }

            if (set.Type == RecordType.CNAME && sets.Length > 1)
            {
                foreach (Rrset other in sets)
                {
                    // RFC 4035 §2.5: DNSSEC records may sit beside a CNAME; nothing else may.
                    if (other.Type is not (RecordType.CNAME or RecordType.RRSIG or RecordType.NSEC or RecordType.NSEC3))
                    {
                        throw new ArgumentException($"{owner} has a CNAME and other data ({RecordTypeNames.ToText(other.Type)}) (RFC 1034 §3.6.2)");
                    }
                }
            }
        }
    }

    private static ZoneNode GetOrAddNode(Dictionary<DnsName, ZoneNode> nodes, DnsName name)
    {
        if (!nodes.TryGetValue(name, out ZoneNode? node))
        {
            node = new ZoneNode(name, []);
            nodes[name] = node;
        }

        return node;
    }

    /// <summary>RFC 4592 §2.2.2: every ancestor between an owner and the apex exists, possibly empty.</summary>
    private static void AddEmptyNonTerminals(Dictionary<DnsName, ZoneNode> nodes, DnsName origin, DnsName owner)
    {
        DnsName name = owner;
        while (!name.Equals(origin))
        {
            name = name.Parent();
            if (nodes.ContainsKey(name))
            {
                continue;
            }

            nodes[name] = new ZoneNode(name, []);
        }
    }

    private static void ComputeFlags(Dictionary<DnsName, ZoneNode> nodes, DnsName origin)
    {
        bool anyRedirect = false;
        foreach (ZoneNode node in nodes.Values)
        {
            node.IsApex = node.Name.Equals(origin);
            node.IsDelegation = !node.IsApex && node.TryGetRrset(RecordType.NS, out _);
            anyRedirect |= node.IsDelegation || node.Dname is not null;
            if (node.IsApex)
            {
                continue;
            }

            ZoneNode parent = nodes[node.Name.Parent()];
            parent.ChildCount++;
            if (node.Name.IsWildcard)
            {
                parent.WildcardChild = node;
            }
        }

        if (!anyRedirect)
        {
            // No cut and no DNAME (a flat zone): nothing is occluded, and a million ancestor
            // walks are saved.
            return;
        }

        foreach (ZoneNode node in nodes.Values)
        {
            node.IsOccluded = IsBelowCutOrDname(nodes, origin, node.Name);
        }
    }

    /// <summary>True when a proper ancestor (below the apex for cuts, from the apex for DNAME) redirects this name.</summary>
    internal static bool IsBelowCutOrDname(Dictionary<DnsName, ZoneNode> nodes, DnsName origin, DnsName name)
    {
        DnsName current = name;
        while (!current.Equals(origin))
        {
            current = current.Parent();
            ZoneNode ancestor = nodes[current];
            if (ancestor.IsDelegation || ancestor.Dname is not null)
            {
                return true;
            }
        }

        return false;
    }
}
