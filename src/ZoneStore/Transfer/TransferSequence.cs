using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Persistence;

namespace SplitDns.ZoneStore.Transfer;

/// <summary>The RR sequences of AXFR (RFC 5936 §2.2) and IXFR (RFC 1995 §4).</summary>
public static class TransferSequence
{
    /// <summary>SOA, every other record, SOA. <paramref name="records"/> starts with the SOA.</summary>
    public static List<ResourceRecord> Axfr(IReadOnlyList<ResourceRecord> records)
    {
        ResourceRecord soa = records[0];
        if (soa.Type != RecordType.SOA)
        {
            throw new ArgumentException("zone records must start with the SOA", nameof(records));
        }

        var list = new List<ResourceRecord>(records.Count + 1);
        list.AddRange(records);
        list.Add(soa);
        return list;
    }

    /// <summary>
    /// New SOA, then per journal row: old SOA, deleted RRs, new SOA, added RRs; then the new SOA
    /// again. Each row's lists already start with their SOA.
    /// </summary>
    public static List<ResourceRecord> Ixfr(ResourceRecord currentSoa, IReadOnlyList<JournalEntry> entries)
    {
        var list = new List<ResourceRecord> { currentSoa };
        foreach (JournalEntry e in entries)
        {
            AppendWithSoaFirst(list, e.Deleted);
            AppendWithSoaFirst(list, e.Added);
        }

        list.Add(currentSoa);
        return list;
    }

    private static void AppendWithSoaFirst(List<ResourceRecord> list, IReadOnlyList<ResourceRecord> rrs)
    {
        int soaIndex = -1;
        for (int i = 0; i < rrs.Count; i++)
        {
            if (rrs[i].Type == RecordType.SOA)
            {
                soaIndex = i;
                list.Add(rrs[i]);
                break;
            }
        }

        if (soaIndex < 0)
        {
            throw new InvalidDataException("journal row without an SOA");
        }

        for (int i = 0; i < rrs.Count; i++)
        {
            if (i != soaIndex)
            {
                list.Add(rrs[i]);
            }
        }
    }
}
