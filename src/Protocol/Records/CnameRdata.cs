using SplitDns.Protocol.Names;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>CNAME: the canonical name of an alias (RFC 1035 §3.3.1).</summary>
public sealed class CnameRdata : SingleNameRdata
{
    public CnameRdata(DnsName target) : base(target)
    {
    }

    public override RecordType Type => RecordType.CNAME;

    public static Rdata Read(ref DnsReader reader, int length) => new CnameRdata(reader.ReadName());

    public static Rdata Parse(RdataTextReader text) => new CnameRdata(text.ReadName("CNAME target"));
}
