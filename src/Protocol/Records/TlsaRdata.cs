using System.Globalization;
using System.Text;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>TLSA: DANE certificate association (RFC 6698 §2). <see cref="SmimeaRdata"/> shares the format (RFC 8162).</summary>
public class TlsaRdata : Rdata
{
    private readonly byte[] _data;

    public TlsaRdata(byte usage, byte selector, byte matchingType, byte[] certificateAssociationData)
        : this(RecordType.TLSA, usage, selector, matchingType, certificateAssociationData)
    {
    }

    private protected TlsaRdata(RecordType type, byte usage, byte selector, byte matchingType, byte[] data)
    {
        Type = type;
        Usage = usage;
        Selector = selector;
        MatchingType = matchingType;
        _data = data;
    }

    public override RecordType Type { get; }

    public byte Usage { get; }

    public byte Selector { get; }

    public byte MatchingType { get; }

    public ReadOnlySpan<byte> CertificateAssociationData => _data;

    public static Rdata Read(ref DnsReader reader, int length) => ReadAs(RecordType.TLSA, ref reader, length);

    public static Rdata Parse(RdataTextReader text) => ParseAs(RecordType.TLSA, text);

    public override bool TryWrite(ref DnsWriter writer) =>
        writer.TryWriteByte(Usage) && writer.TryWriteByte(Selector) && writer.TryWriteByte(MatchingType)
        && writer.TryWriteBytes(_data);

    /// <summary>RFC 6698 §2.2: the data as hex (upper case, unsplit).</summary>
    public override void AppendPresentation(StringBuilder sb)
    {
        sb.Append(CultureInfo.InvariantCulture, $"{Usage} {Selector} {MatchingType}");
        if (_data.Length > 0)
        {
            sb.Append(' ').Append(Convert.ToHexString(_data));
        }
    }

    private protected static Rdata ReadAs(RecordType type, ref DnsReader reader, int length)
    {
        if (length < 3)
        {
            ThrowHelper.Format(DnsFormatError.BadRdata, $"{RecordTypeNames.ToText(type)} RDATA shorter than 3 octets");
        }

        byte usage = reader.ReadByte();
        byte selector = reader.ReadByte();
        byte matching = reader.ReadByte();
        return Create(type, usage, selector, matching, reader.ReadBytes(length - 3).ToArray());
    }

    private protected static Rdata ParseAs(RecordType type, RdataTextReader text)
    {
        string name = RecordTypeNames.ToText(type);
        byte usage = text.ReadUInt8(name + " certificate usage");
        byte selector = text.ReadUInt8(name + " selector");
        byte matching = text.ReadUInt8(name + " matching type");
        return Create(type, usage, selector, matching, text.ReadHexRestOrEmpty(name + " certificate association data"));
    }

    private static TlsaRdata Create(RecordType type, byte usage, byte selector, byte matching, byte[] data) =>
        type == RecordType.SMIMEA
            ? new SmimeaRdata(usage, selector, matching, data)
            : new TlsaRdata(usage, selector, matching, data);
}
