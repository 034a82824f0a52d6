using System.Globalization;
using System.Text;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>DNSKEY: a zone's public key (RFC 4034 §2). <see cref="CdnskeyRdata"/> shares the format (RFC 7344 §3.2).</summary>
public class DnskeyRdata : Rdata
{
    /// <summary>RFC 4034 §2.1.1: Zone Key flag (bit 7).</summary>
    public const ushort ZoneKeyFlag = 0x0100;

    /// <summary>RFC 4034 §2.1.1 / RFC 3757: Secure Entry Point flag (bit 15).</summary>
    public const ushort SecureEntryPointFlag = 0x0001;

    private readonly byte[] _publicKey;

    public DnskeyRdata(ushort flags, byte protocol, byte algorithm, byte[] publicKey)
        : this(RecordType.DNSKEY, flags, protocol, algorithm, publicKey)
    {
    }

    private protected DnskeyRdata(RecordType type, ushort flags, byte protocol, byte algorithm, byte[] publicKey)
    {
        Type = type;
        Flags = flags;
        Protocol = protocol;
        Algorithm = algorithm;
        _publicKey = publicKey;
    }

    public override RecordType Type { get; }

    public ushort Flags { get; }

    /// <summary>RFC 4034 §2.1.2: always 3 in valid keys; other values are kept, not rejected.</summary>
    public byte Protocol { get; }

    public byte Algorithm { get; }

    public ReadOnlySpan<byte> PublicKey => _publicKey;

    public static Rdata Read(ref DnsReader reader, int length) => ReadAs(RecordType.DNSKEY, ref reader, length);

    public static Rdata Parse(RdataTextReader text) => ParseAs(RecordType.DNSKEY, text);

    /// <summary>RFC 4034 Appendix B: the key tag of this key (algorithm 1 uses its own rule).</summary>
    public ushort ComputeKeyTag()
    {
        byte[] wire = ToWire();
        if (Algorithm == 1)
        {
            return wire.Length < 3 ? (ushort)0 : (ushort)((wire[^3] << 8) | wire[^2]);
        }

        uint ac = 0;
        for (int i = 0; i < wire.Length; i++)
        {
            ac += (i & 1) != 0 ? wire[i] : (uint)wire[i] << 8;
        }

        ac += (ac >> 16) & 0xFFFF;
        return (ushort)(ac & 0xFFFF);
    }

    public override bool TryWrite(ref DnsWriter writer) =>
        writer.TryWriteUInt16(Flags) && writer.TryWriteByte(Protocol) && writer.TryWriteByte(Algorithm)
        && writer.TryWriteBytes(_publicKey);

    /// <summary>RFC 4034 §2.2: the key in base64 (unsplit, as <c>dig +nosplit</c> shows it).</summary>
    public override void AppendPresentation(StringBuilder sb)
    {
        sb.Append(CultureInfo.InvariantCulture, $"{Flags} {Protocol} {Algorithm}");
        if (_publicKey.Length > 0)
        {
            sb.Append(' ').Append(Convert.ToBase64String(_publicKey));
        }
    }

    private protected static Rdata ReadAs(RecordType type, ref DnsReader reader, int length)
    {
        if (length < 4)
        {
            ThrowHelper.Format(DnsFormatError.BadRdata, $"{RecordTypeNames.ToText(type)} RDATA shorter than 4 octets");
        }

        ushort flags = reader.ReadUInt16();
        byte protocol = reader.ReadByte();
        byte algorithm = reader.ReadByte();
        return Create(type, flags, protocol, algorithm, reader.ReadBytes(length - 4).ToArray());
    }

    private protected static Rdata ParseAs(RecordType type, RdataTextReader text)
    {
        string name = RecordTypeNames.ToText(type);
        ushort flags = text.ReadUInt16(name + " flags");
        byte protocol = text.ReadUInt8(name + " protocol");
        byte algorithm = text.ReadUInt8(name + " algorithm");
        return Create(type, flags, protocol, algorithm, text.ReadBase64RestOrEmpty(name + " public key"));
    }

    private static DnskeyRdata Create(RecordType type, ushort flags, byte protocol, byte algorithm, byte[] key) =>
        type == RecordType.CDNSKEY
            ? new CdnskeyRdata(flags, protocol, algorithm, key)
            : new DnskeyRdata(flags, protocol, algorithm, key);
}
