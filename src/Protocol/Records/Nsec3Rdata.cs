using System.Globalization;
using System.Text;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>NSEC3: hashed authenticated denial of existence (RFC 5155 §3).</summary>
public sealed class Nsec3Rdata : Rdata
{
    /// <summary>RFC 5155 §3.1.2.1: the Opt-Out flag.</summary>
    public const byte OptOutFlag = 0x01;

    private readonly byte[] _salt;
    private readonly byte[] _nextHashedOwner;
    private readonly RecordType[] _types;

    public Nsec3Rdata(byte hashAlgorithm, byte flags, ushort iterations, byte[] salt, byte[] nextHashedOwnerName, IEnumerable<RecordType> types)
    {
        if (salt.Length > 255 || nextHashedOwnerName.Length is 0 or > 255)
        {
            throw new ArgumentException("salt must be 0..255 octets and the next hashed owner 1..255");
        }

        HashAlgorithm = hashAlgorithm;
        Flags = flags;
        Iterations = iterations;
        _salt = salt;
        _nextHashedOwner = nextHashedOwnerName;
        _types = TypeBitmap.Normalize(types);
    }

    public override RecordType Type => RecordType.NSEC3;

    public byte HashAlgorithm { get; }

    public byte Flags { get; }

    public ushort Iterations { get; }

    public ReadOnlySpan<byte> Salt => _salt;

    /// <summary>The raw hash (not base32hex text).</summary>
    public ReadOnlySpan<byte> NextHashedOwnerName => _nextHashedOwner;

    public IReadOnlyList<RecordType> Types => _types;

    public static Rdata Read(ref DnsReader reader, int length)
    {
        int end = reader.Position + length;
        byte algorithm = reader.ReadByte();
        byte flags = reader.ReadByte();
        ushort iterations = reader.ReadUInt16();
        byte[] salt = reader.ReadCharacterString().ToArray();
        byte[] next = reader.ReadCharacterString().ToArray();

        // An empty hash has no presentation form (RFC 5155 §3.3), so it cannot be kept losslessly.
        if (next.Length == 0)
        {
            ThrowHelper.Format(DnsFormatError.BadRdata, "NSEC3 next hashed owner name is empty");
        }

        return new Nsec3Rdata(algorithm, flags, iterations, salt, next, TypeBitmap.Read(ref reader, end));
    }

    public static Rdata Parse(RdataTextReader text)
    {
        byte algorithm = text.ReadUInt8("NSEC3 hash algorithm");
        byte flags = text.ReadUInt8("NSEC3 flags");
        ushort iterations = text.ReadUInt16("NSEC3 iterations");
        byte[] salt = Nsec3ParamRdata.ReadSalt(text, "NSEC3 salt");
        string hash = text.ReadToken("NSEC3 next hashed owner name");
        if (!Base32Hex.TryDecode(hash, out byte[] next) || next.Length is 0 or > 255)
        {
            throw text.Error($"invalid NSEC3 next hashed owner name '{hash}' (base32hex)");
        }

        return new Nsec3Rdata(algorithm, flags, iterations, salt, next, TypeBitmap.Parse(text, "NSEC3 type"));
    }

    public override bool TryWrite(ref DnsWriter writer) =>
        writer.TryWriteByte(HashAlgorithm) && writer.TryWriteByte(Flags) && writer.TryWriteUInt16(Iterations)
        && writer.TryWriteCharacterString(_salt) && writer.TryWriteCharacterString(_nextHashedOwner)
        && TypeBitmap.TryWrite(ref writer, _types);

    /// <summary>RFC 5155 §3.3; the hash in upper-case base32hex as BIND prints it.</summary>
    public override void AppendPresentation(StringBuilder sb)
    {
        sb.Append(CultureInfo.InvariantCulture, $"{HashAlgorithm} {Flags} {Iterations} ");
        Nsec3ParamRdata.AppendSalt(sb, _salt);
        sb.Append(' ').Append(Base32Hex.Encode(_nextHashedOwner));
        TypeBitmap.AppendPresentation(sb, _types);
    }
}
