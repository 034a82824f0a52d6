using SplitDns.Protocol.Names;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>NS: an authoritative name server (RFC 1035 §3.3.11).</summary>
public sealed class NsRdata : SingleNameRdata
{
    public NsRdata(DnsName target) : base(target)
    {
    }

    public override RecordType Type => RecordType.NS;

    public static Rdata Read(ref DnsReader reader, int length) => new NsRdata(reader.ReadName());

    public static Rdata Parse(RdataTextReader text) => new NsRdata(text.ReadName("NS target"));
}
