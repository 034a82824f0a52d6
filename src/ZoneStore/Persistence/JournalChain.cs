using SplitDns.Protocol.Records;

namespace SplitDns.ZoneStore.Persistence;

/// <summary>Rules every store applies to its journal and to the records it stores.</summary>
internal static class JournalChain
{
    /// <summary>Each row must start where the previous ended, and the last must end at the zone's serial.</summary>
    public static bool IsContiguous(List<JournalEntry> entries, uint fromSerial, uint currentSerial)
    {
        uint expect = fromSerial;
        foreach (JournalEntry e in entries)
        {
            if (e.FromSerial != expect)
            {
                return false;
            }

            expect = e.ToSerial;
        }

        return entries.Count > 0 && expect == currentSerial;
    }

    /// <summary>The records without repeats of one identity (<see cref="RecordKey"/>), first one kept.</summary>
    public static List<ResourceRecord> Distinct(IReadOnlyList<ResourceRecord> records)
    {
        var seen = new HashSet<RecordKey>();
        var list = new List<ResourceRecord>(records.Count);
        foreach (ResourceRecord rr in records)
        {
            if (seen.Add(RecordKey.Of(rr)))
            {
                list.Add(rr);
            }
        }

        return list;
    }
}
