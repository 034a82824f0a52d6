using System.Globalization;
using System.Text;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>MX: mail exchange with preference (RFC 1035 §3.3.9).</summary>
public sealed class MxRdata : Rdata
{
    public MxRdata(ushort preference, DnsName exchange)
    {
        Preference = preference;
        Exchange = exchange;
    }

    public override RecordType Type => RecordType.MX;

    public ushort Preference { get; }

    public DnsName Exchange { get; }

    public static Rdata Read(ref DnsReader reader, int length) => new MxRdata(reader.ReadUInt16(), reader.ReadName());

    public static Rdata Parse(RdataTextReader text) => new MxRdata(text.ReadUInt16("MX preference"), text.ReadName("MX exchange"));

    public override bool TryWrite(ref DnsWriter writer) => writer.TryWriteUInt16(Preference) && writer.TryWriteName(Exchange);

    public override void AppendPresentation(StringBuilder sb)
    {
        sb.Append(Preference.ToString(CultureInfo.InvariantCulture)).Append(' ');
        Exchange.AppendPresentation(sb);
    }
}
