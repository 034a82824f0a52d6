using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;

namespace SplitDns.ZoneStore.Persistence;

/// <summary>A zone as loaded from the store: its serial and every record (SOA included).</summary>
public sealed class StoredZone
{
    public StoredZone(DnsName origin, uint serial, IReadOnlyList<StoredRecord> records)
    {
        Origin = origin;
        Serial = serial;
        Records = records;
    }

    public DnsName Origin { get; }

    public uint Serial { get; }

    public IReadOnlyList<StoredRecord> Records { get; }

    /// <summary>The records alone, SOA first (the input of a zone snapshot).</summary>
    public List<ResourceRecord> ToRecords()
    {
        var list = new List<ResourceRecord>(Records.Count);
        foreach (StoredRecord r in Records)
        {
            if (r.Record.Type == RecordType.SOA)
            {
                list.Insert(0, r.Record);
            }
            else
            {
                list.Add(r.Record);
            }
        }

        return list;
    }
}
