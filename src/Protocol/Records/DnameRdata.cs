using SplitDns.Protocol.Names;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>DNAME: redirection of a whole subtree (RFC 6672). Never compressed (RFC 3597 §4).</summary>
public sealed class DnameRdata : SingleNameRdata
{
    public DnameRdata(DnsName target) : base(target)
    {
    }

    public override RecordType Type => RecordType.DNAME;

    protected override bool Compressible => false;

    public static Rdata Read(ref DnsReader reader, int length) => new DnameRdata(reader.ReadName());

    public static Rdata Parse(RdataTextReader text) => new DnameRdata(text.ReadName("DNAME target"));
}
