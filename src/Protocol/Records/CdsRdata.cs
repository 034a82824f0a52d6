using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>CDS: child copy of DS (RFC 7344 §3.1); "0 0 0 00" asks for DS removal (RFC 8078 §4).</summary>
public sealed class CdsRdata : DsRdata
{
    public CdsRdata(ushort keyTag, byte algorithm, byte digestType, byte[] digest)
        : base(RecordType.CDS, keyTag, algorithm, digestType, digest)
    {
    }

    public static new Rdata Read(ref DnsReader reader, int length) => ReadAs(RecordType.CDS, ref reader, length);

    public static new Rdata Parse(RdataTextReader text) => ParseAs(RecordType.CDS, text);
}
