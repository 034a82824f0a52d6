using System.Runtime.CompilerServices;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;

namespace SplitDns.ZoneStore.Memory;

/// <summary>
/// An immutable RRset of one owner, type and class (RFC 2181 §5): every record carries the same
/// TTL (the lowest given, RFC 2181 §5.2). Additional-section targets (NS, MX, SRV) are resolved
/// to names once, at zone build time, so the query path does no RDATA inspection.
/// </summary>
public sealed class Rrset
{
    // 40 bytes for the one-record RRset of a large zone: the records are one field (a
    // ResourceRecord, or an array when more), and the owner and the additional targets live in
    // the records or in a rare side object (an owner other than the records' names, targets).
    private readonly object _records;
    private readonly Extras? _extras;

    public Rrset(DnsName owner, RecordType type, DnsClass @class, uint ttl, ResourceRecord[] records, DnsName[] additionalTargets)
    {
        Type = type;
        Class = @class;
        Ttl = ttl;
        _records = records.Length == 1 ? records[0] : records;
        bool ownOwner = records.Length == 0 || !records[0].Name.Equals(owner);
        if (ownOwner || additionalTargets.Length > 0)
        {
            _extras = new Extras(ownOwner ? owner : null, additionalTargets);
        }
    }

    public DnsName Owner => _extras?.Owner ?? (_records is ResourceRecord single ? single.Name : ((ResourceRecord[])_records)[0].Name);

    public RecordType Type { get; }

    public DnsClass Class { get; }

    public uint Ttl { get; }

    public int Count => _records is ResourceRecord[] array ? array.Length : 1;

    public ReadOnlySpan<ResourceRecord> Records => _records is ResourceRecord[] array
        ? array
        : new ReadOnlySpan<ResourceRecord>(in Unsafe.As<object, ResourceRecord>(ref Unsafe.AsRef(in _records)));

    public ResourceRecord this[int index] => Records[index];

    /// <summary>Names whose addresses belong in the additional section (RFC 1034 §4.3.2 step 6).</summary>
    public DnsName[] AdditionalTargets => _extras?.AdditionalTargets ?? [];

    /// <summary>The same records with another TTL (negative-answer SOA, RFC 2308 §3).</summary>
    public Rrset WithTtl(uint ttl)
    {
        ReadOnlySpan<ResourceRecord> records = Records;
        var copy = new ResourceRecord[records.Length];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = records[i].WithTtl(ttl);
        }

        return new Rrset(Owner, Type, Class, ttl, copy, AdditionalTargets);
    }

    /// <summary>Builds an RRset from records that share owner, type and class (duplicates removed, RFC 2181 §5).</summary>
    public static Rrset FromRecords(IReadOnlyList<ResourceRecord> records)
    {
        if (records.Count == 0)
        {
            throw new ArgumentException("an RRset needs at least one record", nameof(records));
        }

        ResourceRecord first = records[0];
        if (records.Count == 1)
        {
            // Most owners of a large zone hold one record: no list, no copy.
            ResourceRecord[] single = [first];
            return new Rrset(first.Name, first.Type, first.Class, first.Ttl, single, AdditionalTargetNames.Extract(single));
        }

        uint ttl = first.Ttl;
        var unique = new List<ResourceRecord>(records.Count);
        foreach (ResourceRecord rr in records)
        {
            if (rr.Type != first.Type || rr.Class != first.Class || !rr.Name.Equals(first.Name))
            {
                throw new ArgumentException($"record '{rr}' does not belong to the RRset of {first.Name} {first.Type}", nameof(records));
            }

            ttl = Math.Min(ttl, rr.Ttl);
            if (!ContainsRdata(unique, rr.Data))
            {
                unique.Add(rr);
            }
        }

        var array = new ResourceRecord[unique.Count];
        for (int i = 0; i < array.Length; i++)
        {
            array[i] = unique[i].Ttl == ttl ? unique[i] : unique[i].WithTtl(ttl);
        }

        return new Rrset(first.Name, first.Type, first.Class, ttl, array, AdditionalTargetNames.Extract(array));
    }

    private static bool ContainsRdata(List<ResourceRecord> records, Rdata data)
    {
        foreach (ResourceRecord rr in records)
        {
            if (rr.Data.Equals(data))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => $"{Owner} {Type} ({Count})";

    private sealed class Extras(DnsName? owner, DnsName[] additionalTargets)
    {
        public DnsName? Owner { get; } = owner;

        public DnsName[] AdditionalTargets { get; } = additionalTargets;
    }
}
