using System.Globalization;
using System.Text;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>SRV: location of a service (RFC 2782).</summary>
public sealed class SrvRdata : Rdata
{
    public SrvRdata(ushort priority, ushort weight, ushort port, DnsName target)
    {
        Priority = priority;
        Weight = weight;
        Port = port;
        Target = target;
    }

    public override RecordType Type => RecordType.SRV;

    public ushort Priority { get; }

    public ushort Weight { get; }

    public ushort Port { get; }

    public DnsName Target { get; }

    /// <summary>
    /// RFC 2782 forbids compressing the target, but RFC 2052 required it and RFC 3597 §4 asks
    /// receivers to decompress SRV anyway; like BIND we accept a compressed target on read.
    /// </summary>
    public static Rdata Read(ref DnsReader reader, int length) =>
        new SrvRdata(reader.ReadUInt16(), reader.ReadUInt16(), reader.ReadUInt16(), reader.ReadName());

    public static Rdata Parse(RdataTextReader text) => new SrvRdata(
        text.ReadUInt16("SRV priority"), text.ReadUInt16("SRV weight"), text.ReadUInt16("SRV port"),
        text.ReadName("SRV target"));

    // RFC 2782: "name compression is not to be used for this field".
    public override bool TryWrite(ref DnsWriter writer) =>
        writer.TryWriteUInt16(Priority) && writer.TryWriteUInt16(Weight) && writer.TryWriteUInt16(Port)
        && writer.TryWriteName(Target, compress: false);

    public override void AppendPresentation(StringBuilder sb)
    {
        sb.Append(CultureInfo.InvariantCulture, $"{Priority} {Weight} {Port} ");
        Target.AppendPresentation(sb);
    }
}
