using SplitDns.Protocol.Names;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>PTR: a pointer to another name (RFC 1035 §3.3.12).</summary>
public sealed class PtrRdata : SingleNameRdata
{
    public PtrRdata(DnsName target) : base(target)
    {
    }

    public override RecordType Type => RecordType.PTR;

    public static Rdata Read(ref DnsReader reader, int length) => new PtrRdata(reader.ReadName());

    public static Rdata Parse(RdataTextReader text) => new PtrRdata(text.ReadName("PTR target"));
}
