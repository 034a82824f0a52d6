using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>CDNSKEY: child copy of DNSKEY (RFC 7344 §3.2); "0 3 0 AA==" asks for DS removal (RFC 8078 §4).</summary>
public sealed class CdnskeyRdata : DnskeyRdata
{
    public CdnskeyRdata(ushort flags, byte protocol, byte algorithm, byte[] publicKey)
        : base(RecordType.CDNSKEY, flags, protocol, algorithm, publicKey)
    {
    }

    public static new Rdata Read(ref DnsReader reader, int length) => ReadAs(RecordType.CDNSKEY, ref reader, length);

    public static new Rdata Parse(RdataTextReader text) => ParseAs(RecordType.CDNSKEY, text);
}
