using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;

namespace SplitDns.ZoneStore.Memory;

public sealed partial class ZoneSnapshot
{
    /// <summary>SOA first (RFC 5936 §2.2), then canonical order (RFC 4034 §6.1, §6.3).</summary>
    private static readonly Comparison<ResourceRecord> s_transferOrder = static (a, b) =>
    {
        int c = TransferOrder.CompareOwnerAndType(a, b);
        return c != 0 ? c : a.Data.CompareCanonical(b.Data);
    };

    /// <summary>True when the transfer order is already built (tests check that merges keep it so).</summary>
    internal bool HasSortedRecords => Volatile.Read(ref _records) is not null;

    private ResourceRecord[] SortedRecords()
    {
        var array = new ResourceRecord[RecordCount];
        int i = 0;
        foreach (ZoneNode node in _nodes.Values)
        {
            foreach (Rrset set in node.Rrsets)
            {
                set.Records.CopyTo(array.AsSpan(i));
                i += set.Count;
            }
        }

        Array.Sort(array, s_transferOrder);

        // Two readers may sort at once; both arrays are equal, the first one kept wins.
        return Interlocked.CompareExchange(ref _records, array, null) ?? array;
    }

    /// <summary>
    /// This snapshot's sorted records with the ranges of <paramref name="owners"/> replaced by what
    /// <paramref name="next"/> holds there: the records of one owner are contiguous in canonical
    /// order (the apex, SOA included, comes first), so each range is found by binary search and
    /// the rest is copied, O(zone) copying and O(changes × log zone) comparisons instead of a sort.
    /// Null (sort on first use) when this snapshot was never sorted.
    /// </summary>
    private ResourceRecord[]? MergeRecords(IEnumerable<DnsName> owners, ZoneSnapshot next)
    {
        ResourceRecord[]? old = Volatile.Read(ref _records);
        if (old is null)
        {
            return null;
        }

        DnsName[] ordered = owners.ToArray();
        Array.Sort(ordered, static (a, b) => a.CompareTo(b));
        var result = new ResourceRecord[next.RecordCount];
        int from = 0;
        int to = 0;
        var fresh = new List<ResourceRecord>();
        foreach (DnsName owner in ordered)
        {
            int lo = FirstAtOrAfter(old, owner, from, inclusive: true);
            int hi = FirstAtOrAfter(old, owner, lo, inclusive: false);
            fresh.Clear();
            if (next._nodes.TryGetValue(owner, out ZoneNode? node))
            {
                foreach (Rrset set in node.Rrsets)
                {
                    fresh.AddRange(set.Records);
                }
            }

            fresh.Sort(s_transferOrder);
            if (to + (lo - from) + fresh.Count > result.Length)
            {
                return null;
            }

            Array.Copy(old, from, result, to, lo - from);
            to += lo - from;
            fresh.CopyTo(result, to);
            to += fresh.Count;
            from = hi;
        }

        if (to + (old.Length - from) != result.Length)
        {
            return null;
        }

        Array.Copy(old, from, result, to, old.Length - from);
        return result;
    }

    /// <summary>First index at or after <paramref name="start"/> whose owner is ≥ (or, not inclusive, &gt;) <paramref name="owner"/>.</summary>
    private static int FirstAtOrAfter(ResourceRecord[] sorted, DnsName owner, int start, bool inclusive)
    {
        int lo = start;
        int hi = sorted.Length;
        while (lo < hi)
        {
            int mid = lo + ((hi - lo) / 2);
            int c = sorted[mid].Name.CompareTo(owner);
            if (c < 0 || (!inclusive && c == 0))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
