using System.Globalization;
using System.Text;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>DS: delegation signer (RFC 4034 §5). <see cref="CdsRdata"/> shares the format (RFC 7344 §3.1).</summary>
public class DsRdata : Rdata
{
    private readonly byte[] _digest;

    public DsRdata(ushort keyTag, byte algorithm, byte digestType, byte[] digest)
        : this(RecordType.DS, keyTag, algorithm, digestType, digest)
    {
    }

    private protected DsRdata(RecordType type, ushort keyTag, byte algorithm, byte digestType, byte[] digest)
    {
        Type = type;
        KeyTag = keyTag;
        Algorithm = algorithm;
        DigestType = digestType;
        _digest = digest;
    }

    public override RecordType Type { get; }

    public ushort KeyTag { get; }

    public byte Algorithm { get; }

    public byte DigestType { get; }

    public ReadOnlySpan<byte> Digest => _digest;

    public static Rdata Read(ref DnsReader reader, int length) => ReadAs(RecordType.DS, ref reader, length);

    public static Rdata Parse(RdataTextReader text) => ParseAs(RecordType.DS, text);

    public override bool TryWrite(ref DnsWriter writer) =>
        writer.TryWriteUInt16(KeyTag) && writer.TryWriteByte(Algorithm) && writer.TryWriteByte(DigestType)
        && writer.TryWriteBytes(_digest);

    /// <summary>RFC 4034 §5.3: digest as hex (upper case, unsplit, as <c>dig +nosplit</c> shows it).</summary>
    public override void AppendPresentation(StringBuilder sb)
    {
        sb.Append(CultureInfo.InvariantCulture, $"{KeyTag} {Algorithm} {DigestType}");
        if (_digest.Length > 0)
        {
            sb.Append(' ').Append(Convert.ToHexString(_digest));
        }
    }

    private protected static Rdata ReadAs(RecordType type, ref DnsReader reader, int length)
    {
        if (length < 4)
        {
            ThrowHelper.Format(DnsFormatError.BadRdata, $"{RecordTypeNames.ToText(type)} RDATA shorter than 4 octets");
        }

        ushort keyTag = reader.ReadUInt16();
        byte algorithm = reader.ReadByte();
        byte digestType = reader.ReadByte();
        return Create(type, keyTag, algorithm, digestType, reader.ReadBytes(length - 4).ToArray());
    }

    private protected static Rdata ParseAs(RecordType type, RdataTextReader text)
    {
        string name = RecordTypeNames.ToText(type);
        ushort keyTag = text.ReadUInt16(name + " key tag");
        byte algorithm = text.ReadUInt8(name + " algorithm");
        byte digestType = text.ReadUInt8(name + " digest type");
        return Create(type, keyTag, algorithm, digestType, text.ReadHexRestOrEmpty(name + " digest"));
    }

    private static DsRdata Create(RecordType type, ushort keyTag, byte algorithm, byte digestType, byte[] digest) =>
        type == RecordType.CDS
            ? new CdsRdata(keyTag, algorithm, digestType, digest)
            : new DsRdata(keyTag, algorithm, digestType, digest);
}
