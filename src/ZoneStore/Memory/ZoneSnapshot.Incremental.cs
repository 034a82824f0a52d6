using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;

namespace SplitDns.ZoneStore.Memory;

public sealed partial class ZoneSnapshot
{
    /// <summary>
    /// The next version of this zone after a change that touched only the owners in
    /// <paramref name="owners"/>, each given with every record it now holds (none: the owner is
    /// gone). Unchanged nodes are shared with this snapshot, which is never modified, so the cost
    /// is one copy of the node index plus work per changed owner, instead of regrouping,
    /// re-validating and re-flagging every record of the zone. Changed owners are validated like
    /// <see cref="Create"/> does. Returns null when a change adds or removes a zone cut or a
    /// DNAME, which re-flags a whole subtree (RFC 6672 §2.4 occlusion): build in full then.
    /// </summary>
    public ZoneSnapshot? WithChanges(IReadOnlyDictionary<DnsName, List<ResourceRecord>> owners)
    {
        ArgumentNullException.ThrowIfNull(owners);
        var build = new IncrementalBuild(Origin, new Dictionary<DnsName, ZoneNode>(_nodes));
        int count = RecordCount;
        foreach (var (owner, records) in owners)
        {
            Rrset[] sets = GroupOwner(owner, records);
            build.Nodes.TryGetValue(owner, out ZoneNode? old);
            bool wasRedirect = old?.RedirectsBelow ?? false;
            bool isRedirect = (!owner.Equals(Origin) && Has(sets, RecordType.NS)) || Has(sets, RecordType.DNAME);
            if (wasRedirect != isRedirect)
            {
                return null;
            }

            count += CountRecords(sets) - (old is null ? 0 : CountRecords(old.Rrsets));
            build.SetOwner(owner, old, sets);
        }

        build.ComputeOcclusion();
        ZoneNode apex = build.Nodes[Origin];
        var next = new ZoneSnapshot(Origin, build.Nodes, count, apex.GetRrset(RecordType.SOA)!);
        next._records = MergeRecords(owners.Keys, next);
        return next;
    }

    private Rrset[] GroupOwner(DnsName owner, List<ResourceRecord> records)
    {
        ResourceRecord? soa = null;
        var types = new Dictionary<RecordType, List<ResourceRecord>>();
        foreach (ResourceRecord rr in records)
        {
            if (!rr.Name.Equals(owner))
            {
                throw new ArgumentException($"record '{rr}' is listed under owner {owner}");
            }

            Validate(Origin, rr, ref soa);
            if (!types.TryGetValue(rr.Type, out var list))
            {
                list = [];
                types[rr.Type] = list;
            }

            list.Add(rr);
        }

        if (owner.Equals(Origin) && soa is null)
        {
            throw new ArgumentException($"zone {Origin} has no SOA record at its apex");
        }

        return types.Count == 0 ? [] : BuildRrsets(owner, types, Soa.Class);
    }

    private static bool Has(Rrset[] sets, RecordType type)
    {
        foreach (Rrset set in sets)
        {
            if (set.Type == type)
            {
                return true;
            }
        }

        return false;
    }

    private static int CountRecords(ReadOnlySpan<Rrset> sets)
    {
        int n = 0;
        foreach (Rrset set in sets)
        {
            n += set.Count;
        }

        return n;
    }

    /// <summary>
    /// The node index of a snapshot being derived from another: nodes of the old snapshot are
    /// shared until they must change, then replaced by copies (path copying), because readers
    /// may be walking the old ones right now.
    /// </summary>
    private sealed class IncrementalBuild(DnsName origin, Dictionary<DnsName, ZoneNode> nodes)
    {
        private readonly HashSet<ZoneNode> _copies = new(ReferenceEqualityComparer.Instance);

        public Dictionary<DnsName, ZoneNode> Nodes { get; } = nodes;

        public void SetOwner(DnsName owner, ZoneNode? old, Rrset[] sets)
        {
            if (sets.Length > 0)
            {
                if (old is null)
                {
                    // Ancestors first: the parent must exist to count the child and link a wildcard.
                    Attach(owner);
                    Put(new ZoneNode(owner, []).With(sets));
                }
                else
                {
                    Put(old.With(sets));
                }
            }
            else if (old is not null)
            {
                if (old.ChildCount > 0)
                {
                    // RFC 4592 §2.2.2: a name with descendants stays as an empty non-terminal.
                    Put(old.With([]));
                }
                else
                {
                    Drop(owner);
                }
            }
        }

        /// <summary>Flags for every node made in this build; shared nodes keep theirs, since no cut or DNAME moved.</summary>
        public void ComputeOcclusion()
        {
            foreach (ZoneNode node in _copies)
            {
                if (Nodes.TryGetValue(node.Name, out ZoneNode? current) && ReferenceEquals(current, node))
                {
                    node.IsApex = node.Name.Equals(origin);
                    node.IsOccluded = IsBelowCutOrDname(Nodes, origin, node.Name);
                }
            }
        }

        private void Put(ZoneNode node)
        {
            Nodes[node.Name] = node;
            _copies.Add(node);
            if (node.Name.IsWildcard && !node.Name.Equals(origin))
            {
                Mutable(node.Name.Parent()).WildcardChild = node;
            }
        }

        /// <summary>Removes a childless node, then every empty non-terminal left without children.</summary>
        private void Drop(DnsName name)
        {
            Nodes.Remove(name);
            ZoneNode parent = Mutable(name.Parent());
            if (name.IsWildcard)
            {
                parent.WildcardChild = null;
            }

            parent.ChildCount--;
            if (parent.ChildCount == 0 && parent.IsEmptyNonTerminal && !parent.Name.Equals(origin))
            {
                Drop(parent.Name);
            }
        }

        /// <summary>Counts a new node at its parent, creating empty non-terminals up to the closest existing ancestor.</summary>
        private void Attach(DnsName name)
        {
            DnsName parentName = name.Parent();
            if (Nodes.ContainsKey(parentName))
            {
                Mutable(parentName).ChildCount++;
                return;
            }

            Attach(parentName);
            Put(new ZoneNode(parentName, []) { ChildCount = 1 });
        }

        /// <summary>The node at <paramref name="name"/>, copied first unless this build made it.</summary>
        private ZoneNode Mutable(DnsName name)
        {
            ZoneNode node = Nodes[name];
            if (_copies.Contains(node))
            {
                return node;
            }

            ZoneNode copy = node.With(node.Rrsets.ToArray());
            Put(copy);
            return copy;
        }
    }
}
