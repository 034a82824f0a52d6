using System.Text;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>Base for RDATA that is one domain name (NS, CNAME, PTR, DNAME).</summary>
public abstract class SingleNameRdata : Rdata
{
    protected SingleNameRdata(DnsName target) => Target = target;

    public DnsName Target { get; }

    /// <summary>RFC 3597 §4: only the RFC 1035 types may be compressed on output.</summary>
    protected virtual bool Compressible => true;

    public override bool TryWrite(ref DnsWriter writer) => writer.TryWriteName(Target, Compressible);

    public override void AppendPresentation(StringBuilder sb) => Target.AppendPresentation(sb);
}
