using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Updates;

namespace SplitDns.ZoneStore.Persistence;

/// <summary>
/// The identity of a stored record: lowercased owner wire, type and canonical RDATA (the
/// unique key of the records table). The TTL is not part of it: one RR, one row.
/// </summary>
public readonly record struct RecordKey(string Owner, RecordType Type, string Rdata)
{
    public static RecordKey Of(ResourceRecord rr) => new(
        Convert.ToHexString(rr.Name.ToLowerInvariant().Wire), rr.Type, Convert.ToHexString(CanonicalRdata.Of(rr.Data)));

    public byte[] OwnerBytes => Convert.FromHexString(Owner);

    public byte[] RdataBytes => Convert.FromHexString(Rdata);
}
