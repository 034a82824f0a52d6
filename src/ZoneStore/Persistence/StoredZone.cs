using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.ZoneStore.Persistence;

/// <summary>A zone as loaded from the store: its serial and every record (SOA included).</summary>
public sealed class StoredZone
{
    public StoredZone(ZoneKey key, uint serial, IReadOnlyList<StoredRecord> records)
    {
        Key = key;
        Serial = serial;
        Records = records;
    }

    public ZoneKey Key { get; }

    public DnsName Origin => Key.Origin;

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
