using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;

namespace SplitDns.ZoneStore.Updates;

public sealed partial class ZoneWorkingSet
{
    /// <summary>
    /// Puts every RRset changed since the last <see cref="AcceptChanges"/> back as it was, so an
    /// update refused after it applied (the mass-deletion guard) leaves the working set exactly
    /// as the last committed state.
    /// </summary>
    public void DiscardChanges()
    {
        foreach ((DnsName name, RecordType type) in _touchedOrder)
        {
            List<WorkingRecord> before = _before[(name, type)];
            if (before.Count == 0)
            {
                if (FindRrset(name, type) is { } set)
                {
                    set.Clear();
                    DropIfEmpty(name, type);
                }

                continue;
            }

            List<WorkingRecord> target = GetOrCreate(name, type);
            target.Clear();
            target.AddRange(before);
        }

        AcceptChanges();
    }
}
