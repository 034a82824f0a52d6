using System.Globalization;
using System.Text;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>NAPTR: naming authority pointer (RFC 3403 §4.1).</summary>
public sealed class NaptrRdata : Rdata
{
    private readonly byte[] _flags;
    private readonly byte[] _services;
    private readonly byte[] _regexp;

    public NaptrRdata(ushort order, ushort preference, byte[] flags, byte[] services, byte[] regexp, DnsName replacement)
    {
        if (flags.Length > 255 || services.Length > 255 || regexp.Length > 255)
        {
            throw new ArgumentException("NAPTR character-strings are at most 255 octets");
        }

        Order = order;
        Preference = preference;
        _flags = flags;
        _services = services;
        _regexp = regexp;
        Replacement = replacement;
    }

    public override RecordType Type => RecordType.NAPTR;

    public ushort Order { get; }

    public ushort Preference { get; }

    public ReadOnlySpan<byte> Flags => _flags;

    public ReadOnlySpan<byte> Services => _services;

    public ReadOnlySpan<byte> Regexp => _regexp;

    public DnsName Replacement { get; }

    /// <summary>RFC 3597 §4: receivers SHOULD decompress NAPTR, so a compressed replacement is accepted.</summary>
    public static Rdata Read(ref DnsReader reader, int length)
    {
        ushort order = reader.ReadUInt16();
        ushort preference = reader.ReadUInt16();
        byte[] flags = reader.ReadCharacterString().ToArray();
        byte[] services = reader.ReadCharacterString().ToArray();
        byte[] regexp = reader.ReadCharacterString().ToArray();
        return new NaptrRdata(order, preference, flags, services, regexp, reader.ReadName());
    }

    public static Rdata Parse(RdataTextReader text) => new NaptrRdata(
        text.ReadUInt16("NAPTR order"), text.ReadUInt16("NAPTR preference"),
        text.ReadCharacterString("NAPTR flags"), text.ReadCharacterString("NAPTR services"),
        text.ReadCharacterString("NAPTR regexp"), text.ReadName("NAPTR replacement"));

    // RFC 3403 §4.1: the replacement is not compressed.
    public override bool TryWrite(ref DnsWriter writer) =>
        writer.TryWriteUInt16(Order) && writer.TryWriteUInt16(Preference)
        && writer.TryWriteCharacterString(_flags) && writer.TryWriteCharacterString(_services)
        && writer.TryWriteCharacterString(_regexp) && writer.TryWriteName(Replacement, compress: false);

    public override void AppendPresentation(StringBuilder sb)
    {
        sb.Append(CultureInfo.InvariantCulture, $"{Order} {Preference} ");
        RdataTextReader.AppendQuoted(sb, _flags);
        sb.Append(' ');
        RdataTextReader.AppendQuoted(sb, _services);
        sb.Append(' ');
        RdataTextReader.AppendQuoted(sb, _regexp);
        sb.Append(' ');
        Replacement.AppendPresentation(sb);
    }
}
