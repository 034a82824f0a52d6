using SplitDns.Protocol.Records;

namespace SplitDns.ZoneStore.Updates;

/// <summary>A zone record with its canonical RDATA computed once (the RR's identity in its RRset).</summary>
public sealed class ZoneEntry
{
    public ZoneEntry(ResourceRecord record)
        : this(record, CanonicalRdata.Of(record.Data))
    {
    }

    public ZoneEntry(ResourceRecord record, byte[] canonical)
    {
        Record = record;
        Canonical = canonical;
    }

    public ResourceRecord Record { get; }

    public byte[] Canonical { get; }

    public bool SameRdata(ZoneEntry other) => Canonical.AsSpan().SequenceEqual(other.Canonical);

    public bool SameRdataAndTtl(ZoneEntry other) => Record.Ttl == other.Record.Ttl && SameRdata(other);

    public ZoneEntry WithTtl(uint ttl) => ttl == Record.Ttl ? this : new ZoneEntry(Record.WithTtl(ttl), Canonical);
}
