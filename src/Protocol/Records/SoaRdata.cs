using System.Globalization;
using System.Text;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>SOA: start of a zone of authority (RFC 1035 §3.3.13; MINIMUM is the negative TTL, RFC 2308 §4).</summary>
public sealed class SoaRdata : Rdata
{
    public SoaRdata(DnsName primary, DnsName responsible, uint serial, uint refresh, uint retry, uint expire, uint minimum)
    {
        Primary = primary;
        Responsible = responsible;
        Serial = serial;
        Refresh = refresh;
        Retry = retry;
        Expire = expire;
        Minimum = minimum;
    }

    public override RecordType Type => RecordType.SOA;

    public DnsName Primary { get; }

    public DnsName Responsible { get; }

    public uint Serial { get; }

    public uint Refresh { get; }

    public uint Retry { get; }

    public uint Expire { get; }

    public uint Minimum { get; }

    public SoaRdata WithSerial(uint serial) => new(Primary, Responsible, serial, Refresh, Retry, Expire, Minimum);

    public static Rdata Read(ref DnsReader reader, int length) => new SoaRdata(
        reader.ReadName(), reader.ReadName(), reader.ReadUInt32(), reader.ReadUInt32(),
        reader.ReadUInt32(), reader.ReadUInt32(), reader.ReadUInt32());

    public static Rdata Parse(RdataTextReader text) => new SoaRdata(
        text.ReadName("SOA MNAME"), text.ReadName("SOA RNAME"), text.ReadUInt32("SOA serial"),
        text.ReadTtl("SOA refresh"), text.ReadTtl("SOA retry"), text.ReadTtl("SOA expire"), text.ReadTtl("SOA minimum"));

    public override bool TryWrite(ref DnsWriter writer) =>
        writer.TryWriteName(Primary) && writer.TryWriteName(Responsible)
        && writer.TryWriteUInt32(Serial) && writer.TryWriteUInt32(Refresh) && writer.TryWriteUInt32(Retry)
        && writer.TryWriteUInt32(Expire) && writer.TryWriteUInt32(Minimum);

    public override void AppendPresentation(StringBuilder sb)
    {
        Primary.AppendPresentation(sb);
        sb.Append(' ');
        Responsible.AppendPresentation(sb);
        sb.Append(CultureInfo.InvariantCulture, $" {Serial} {Refresh} {Retry} {Expire} {Minimum}");
    }
}
