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
        var build = new NodeIndexCopy(Origin, new Dictionary<DnsName, ZoneNode>(_nodes));
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
}
