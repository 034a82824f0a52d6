using System.Globalization;
using System.Text;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>NSEC3PARAM: the NSEC3 parameters of a zone (RFC 5155 §4).</summary>
public sealed class Nsec3ParamRdata : Rdata
{
    private readonly byte[] _salt;

    public Nsec3ParamRdata(byte hashAlgorithm, byte flags, ushort iterations, byte[] salt)
    {
        if (salt.Length > 255)
        {
            throw new ArgumentException("salt longer than 255 octets", nameof(salt));
        }

        HashAlgorithm = hashAlgorithm;
        Flags = flags;
        Iterations = iterations;
        _salt = salt;
    }

    public override RecordType Type => RecordType.NSEC3PARAM;

    public byte HashAlgorithm { get; }

    public byte Flags { get; }

    public ushort Iterations { get; }

    public ReadOnlySpan<byte> Salt => _salt;

    public static Rdata Read(ref DnsReader reader, int length) => new Nsec3ParamRdata(
        reader.ReadByte(), reader.ReadByte(), reader.ReadUInt16(), reader.ReadCharacterString().ToArray());

    public static Rdata Parse(RdataTextReader text) => new Nsec3ParamRdata(
        text.ReadUInt8("NSEC3PARAM hash algorithm"), text.ReadUInt8("NSEC3PARAM flags"),
        text.ReadUInt16("NSEC3PARAM iterations"), ReadSalt(text, "NSEC3PARAM salt"));

    public override bool TryWrite(ref DnsWriter writer) =>
        writer.TryWriteByte(HashAlgorithm) && writer.TryWriteByte(Flags) && writer.TryWriteUInt16(Iterations)
        && writer.TryWriteCharacterString(_salt);

    public override void AppendPresentation(StringBuilder sb)
    {
        sb.Append(CultureInfo.InvariantCulture, $"{HashAlgorithm} {Flags} {Iterations} ");
        AppendSalt(sb, _salt);
    }

    /// <summary>RFC 5155 §3.3: the salt in hex, or "-" when empty.</summary>
    internal static byte[] ReadSalt(RdataTextReader text, string what)
    {
        string token = text.ReadToken(what);
        if (token == "-")
        {
            return [];
        }

        byte[] salt = text.ParseHex(token, what);
        if (salt.Length is 0 or > 255)
        {
            throw text.Error($"{what} must be 1..255 octets or '-'");
        }

        return salt;
    }

    internal static void AppendSalt(StringBuilder sb, ReadOnlySpan<byte> salt) =>
        sb.Append(salt.IsEmpty ? "-" : Convert.ToHexString(salt));
}
