using System.Globalization;
using System.Text;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>URI: priority, weight and a target URI that fills the rest of the RDATA (RFC 7553 §4.5).</summary>
public sealed class UriRdata : Rdata
{
    private readonly byte[] _target;

    public UriRdata(ushort priority, ushort weight, byte[] target)
    {
        Priority = priority;
        Weight = weight;
        _target = target;
    }

    public override RecordType Type => RecordType.URI;

    public ushort Priority { get; }

    public ushort Weight { get; }

    /// <summary>The target bytes; not a character-string, so it has no length octet and may exceed 255.</summary>
    public ReadOnlySpan<byte> Target => _target;

    public static Rdata Read(ref DnsReader reader, int length)
    {
        if (length < 4)
        {
            ThrowHelper.Format(DnsFormatError.BadRdata, "URI RDATA shorter than 4 octets");
        }

        return new UriRdata(reader.ReadUInt16(), reader.ReadUInt16(), reader.ReadBytes(length - 4).ToArray());
    }

    public static Rdata Parse(RdataTextReader text) =>
        new UriRdata(text.ReadUInt16("URI priority"), text.ReadUInt16("URI weight"), text.ReadLongString("URI target"));

    public override bool TryWrite(ref DnsWriter writer) =>
        writer.TryWriteUInt16(Priority) && writer.TryWriteUInt16(Weight) && writer.TryWriteBytes(_target);

    public override void AppendPresentation(StringBuilder sb)
    {
        sb.Append(CultureInfo.InvariantCulture, $"{Priority} {Weight} ");
        RdataTextReader.AppendQuoted(sb, _target);
    }
}
