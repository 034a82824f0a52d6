using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>SMIMEA: S/MIME certificate association, TLSA's format (RFC 8162 §2).</summary>
public sealed class SmimeaRdata : TlsaRdata
{
    public SmimeaRdata(byte usage, byte selector, byte matchingType, byte[] certificateAssociationData)
        : base(RecordType.SMIMEA, usage, selector, matchingType, certificateAssociationData)
    {
    }

    public static new Rdata Read(ref DnsReader reader, int length) => ReadAs(RecordType.SMIMEA, ref reader, length);

    public static new Rdata Parse(RdataTextReader text) => ParseAs(RecordType.SMIMEA, text);
}
