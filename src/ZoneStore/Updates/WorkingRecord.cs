using SplitDns.Protocol.Records;

namespace SplitDns.ZoneStore.Updates;

/// <summary>A zone record with its canonical RDATA computed once (the RR's identity in its RRset).</summary>
public sealed class WorkingRecord
{
    public WorkingRecord(ResourceRecord record)
        : this(record, CanonicalRdata.Of(record.Data))
    {
    }

    public WorkingRecord(ResourceRecord record, byte[] canonical)
    {
        Record = record;
        Canonical = canonical;
    }

    public ResourceRecord Record { get; }

    public byte[] Canonical { get; }

    public bool SameRdata(WorkingRecord other) => Canonical.AsSpan().SequenceEqual(other.Canonical);

    public bool SameRdataAndTtl(WorkingRecord other) => Record.Ttl == other.Record.Ttl && SameRdata(other);

    public WorkingRecord WithTtl(uint ttl) => ttl == Record.Ttl ? this : new WorkingRecord(Record.WithTtl(ttl), Canonical);
}
