using System.Globalization;
using System.Text;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>CAA: certification authority authorization (RFC 8659 §4.1): flags, tag, value.</summary>
public sealed class CaaRdata : Rdata
{
    /// <summary>RFC 8659 §4.1: the issuer critical flag.</summary>
    public const byte IssuerCriticalFlag = 0x80;

    private readonly byte[] _tag;
    private readonly byte[] _value;

    public CaaRdata(byte flags, string tag, byte[] value)
        : this(flags, Encoding.ASCII.GetBytes(tag), value)
    {
    }

    private CaaRdata(byte flags, byte[] tag, byte[] value)
    {
        if (!IsValidTag(tag))
        {
            throw new ArgumentException("CAA tag must be 1..255 ASCII letters and digits", nameof(tag));
        }

        Flags = flags;
        _tag = tag;
        _value = value;
    }

    public override RecordType Type => RecordType.CAA;

    public byte Flags { get; }

    /// <summary>The property tag ("issue", "issuewild", "iodef", ...), as written (tags match case-insensitively).</summary>
    public string Tag => Encoding.ASCII.GetString(_tag);

    public ReadOnlySpan<byte> Value => _value;

    public static Rdata Read(ref DnsReader reader, int length)
    {
        int end = reader.Position + length;
        byte flags = reader.ReadByte();
        byte[] tag = reader.ReadCharacterString().ToArray();

        // RFC 8659 §4.1: the tag is at least one letter or digit. Anything else could not be
        // written back in presentation form, so it is malformed rather than kept.
        if (!IsValidTag(tag))
        {
            ThrowHelper.Format(DnsFormatError.BadRdata, "CAA tag must be 1..255 ASCII letters and digits");
        }

        return new CaaRdata(flags, tag, reader.ReadBytes(end - reader.Position).ToArray());
    }

    public static Rdata Parse(RdataTextReader text)
    {
        byte flags = text.ReadUInt8("CAA flags");
        string tag = text.ReadToken("CAA tag");
        byte[] tagBytes = Encoding.ASCII.GetBytes(tag);
        if (!IsValidTag(tagBytes) || tag.Length != tagBytes.Length)
        {
            throw text.Error($"invalid CAA tag '{tag}' (letters and digits only)");
        }

        return new CaaRdata(flags, tagBytes, text.ReadLongString("CAA value"));
    }

    public override bool TryWrite(ref DnsWriter writer) =>
        writer.TryWriteByte(Flags) && writer.TryWriteCharacterString(_tag) && writer.TryWriteBytes(_value);

    public override void AppendPresentation(StringBuilder sb)
    {
        sb.Append(Flags.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Encoding.ASCII.GetString(_tag)).Append(' ');
        RdataTextReader.AppendQuoted(sb, _value);
    }

    private static bool IsValidTag(ReadOnlySpan<byte> tag)
    {
        if (tag.Length is 0 or > 255)
        {
            return false;
        }

        foreach (byte b in tag)
        {
            if (!char.IsAsciiLetterOrDigit((char)b))
            {
                return false;
            }
        }

        return true;
    }
}
