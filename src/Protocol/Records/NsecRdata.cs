using System.Text;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>
/// NSEC: next owner name and the types present at this owner (RFC 4034 §4). Note for DNSSEC
/// signing: RFC 6840 §5.1 keeps the next name's case in canonical form, while
/// <see cref="Rdata.ToCanonicalWire"/> lowercases it, which is what RDATA comparison needs.
/// </summary>
public sealed class NsecRdata : Rdata
{
    private readonly RecordType[] _types;

    public NsecRdata(DnsName nextDomainName, IEnumerable<RecordType> types)
    {
        NextDomainName = nextDomainName;
        _types = TypeBitmap.Normalize(types);
    }

    private NsecRdata(DnsName nextDomainName, RecordType[] normalizedTypes)
    {
        NextDomainName = nextDomainName;
        _types = normalizedTypes;
    }

    public override RecordType Type => RecordType.NSEC;

    public DnsName NextDomainName { get; }

    /// <summary>The types in the bitmap, sorted and distinct.</summary>
    public IReadOnlyList<RecordType> Types => _types;

    public bool HasType(RecordType type) => Array.BinarySearch(_types, type) >= 0;

    /// <summary>RFC 4034 §4.1.1: the next domain name MUST NOT be compressed; a pointer is malformed.</summary>
    public static Rdata Read(ref DnsReader reader, int length)
    {
        int end = reader.Position + length;
        DnsName next = reader.ReadUncompressedName();
        return new NsecRdata(next, TypeBitmap.Read(ref reader, end));
    }

    public static Rdata Parse(RdataTextReader text)
    {
        DnsName next = text.ReadName("NSEC next domain name");
        return new NsecRdata(next, TypeBitmap.Parse(text, "NSEC type"));
    }

    public override bool TryWrite(ref DnsWriter writer) =>
        writer.TryWriteName(NextDomainName, compress: false) && TypeBitmap.TryWrite(ref writer, _types);

    public override void AppendPresentation(StringBuilder sb)
    {
        NextDomainName.AppendPresentation(sb);
        TypeBitmap.AppendPresentation(sb, _types);
    }
}
