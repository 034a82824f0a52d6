using System.Globalization;
using System.Text;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>
/// TSIG RDATA (RFC 8945 §4.2): algorithm name, 48-bit time signed, fudge, MAC, original ID,
/// error and other data. The algorithm name is written uncompressed (RFC 8945 §4.2 and
/// RFC 3597 §4); on reading, a compressed one is tolerated. Presentation follows BIND:
/// <c>hmac-sha256. 1700000000 300 32 &lt;base64 MAC&gt; 4660 NOERROR 0</c>.
/// </summary>
public sealed class TsigRdata : Rdata
{
    private readonly byte[] _mac;
    private readonly byte[] _otherData;

    public TsigRdata(DnsName algorithm, ulong timeSigned, ushort fudge, byte[] mac, ushort originalId, ushort error, byte[] otherData)
    {
        ArgumentNullException.ThrowIfNull(mac);
        ArgumentNullException.ThrowIfNull(otherData);
        if (timeSigned > MaxTimeSigned)
        {
            throw new ArgumentOutOfRangeException(nameof(timeSigned), "time signed is a 48-bit field");
        }

        if (mac.Length > ushort.MaxValue || otherData.Length > ushort.MaxValue)
        {
            throw new ArgumentException("MAC and other data are limited to 65535 octets");
        }

        Algorithm = algorithm;
        TimeSigned = timeSigned;
        Fudge = fudge;
        _mac = mac;
        OriginalId = originalId;
        Error = error;
        _otherData = otherData;
    }

    public const ulong MaxTimeSigned = (1UL << 48) - 1;

    public override RecordType Type => RecordType.TSIG;

    public DnsName Algorithm { get; }

    /// <summary>Seconds since 1970-01-01 UTC (48 bits, RFC 8945 §4.2).</summary>
    public ulong TimeSigned { get; }

    public ushort Fudge { get; }

    public ReadOnlySpan<byte> Mac => _mac;

    public ushort OriginalId { get; }

    /// <summary>The TSIG error (an extended RCODE: 0, BADSIG 16, BADKEY 17, BADTIME 18, BADTRUNC 22).</summary>
    public ushort Error { get; }

    public ReadOnlySpan<byte> OtherData => _otherData;

    internal byte[] MacArray => _mac;

    public static Rdata Read(ref DnsReader reader, int length)
    {
        DnsName algorithm = reader.ReadName();
        ulong time = reader.ReadUInt48();
        ushort fudge = reader.ReadUInt16();
        int macSize = reader.ReadUInt16();
        byte[] mac = reader.ReadBytes(macSize).ToArray();
        ushort originalId = reader.ReadUInt16();
        ushort error = reader.ReadUInt16();
        int otherLength = reader.ReadUInt16();
        byte[] other = reader.ReadBytes(otherLength).ToArray();
        return new TsigRdata(algorithm, time, fudge, mac, originalId, error, other);
    }

    public static Rdata Parse(RdataTextReader text)
    {
        DnsName algorithm = text.ReadName("TSIG algorithm");
        string timeText = text.ReadToken("TSIG time signed");
        if (!ulong.TryParse(timeText, NumberStyles.None, CultureInfo.InvariantCulture, out ulong time) || time > MaxTimeSigned)
        {
            throw text.Error($"invalid TSIG time signed '{timeText}' (expected a 48-bit number)");
        }

        ushort fudge = text.ReadUInt16("TSIG fudge");
        byte[] mac = ReadSizedBase64(text, text.ReadUInt16("TSIG MAC size"), "TSIG MAC");
        ushort originalId = text.ReadUInt16("TSIG original ID");
        string errorText = text.ReadToken("TSIG error");
        if (!TryParseError(errorText, out ushort error))
        {
            throw text.Error($"invalid TSIG error '{errorText}'");
        }

        byte[] other = ReadSizedBase64(text, text.ReadUInt16("TSIG other length"), "TSIG other data");
        return new TsigRdata(algorithm, time, fudge, mac, originalId, error, other);
    }

    public override bool TryWrite(ref DnsWriter writer) =>
        TryWriteFields(ref writer, Algorithm.Wire, TimeSigned, Fudge, _mac, OriginalId, Error, _otherData);

    public override void AppendPresentation(StringBuilder sb)
    {
        Algorithm.AppendPresentation(sb);
        sb.Append(CultureInfo.InvariantCulture, $" {TimeSigned} {Fudge} {_mac.Length}");
        if (_mac.Length > 0)
        {
            sb.Append(' ').Append(Convert.ToBase64String(_mac));
        }

        sb.Append(CultureInfo.InvariantCulture, $" {OriginalId} ").Append(ErrorToText(Error));
        sb.Append(' ').Append(_otherData.Length.ToString(CultureInfo.InvariantCulture));
        if (_otherData.Length > 0)
        {
            sb.Append(' ').Append(Convert.ToBase64String(_otherData));
        }
    }

    /// <summary>The TSIG error mnemonic as BIND prints it (RFC 8945 §3, IANA "DNS RCODEs").</summary>
    public static string ErrorToText(ushort error) => error switch
    {
        0 => "NOERROR",
        16 => "BADSIG",
        17 => "BADKEY",
        18 => "BADTIME",
        19 => "BADMODE",
        20 => "BADNAME",
        21 => "BADALG",
        22 => "BADTRUNC",
        _ => error.ToString(CultureInfo.InvariantCulture),
    };

    public static bool TryParseError(string text, out ushort error)
    {
        for (ushort code = 0; code <= 22; code++)
        {
            if (string.Equals(text, ErrorToText(code), StringComparison.OrdinalIgnoreCase)
                && (code == 0 || code >= 16))
            {
                error = code;
                return true;
            }
        }

        return ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out error);
    }

    /// <summary>Writes TSIG RDATA from its parts; the algorithm name is never compressed.</summary>
    internal static bool TryWriteFields(ref DnsWriter writer, ReadOnlySpan<byte> algorithm, ulong timeSigned, ushort fudge,
        ReadOnlySpan<byte> mac, ushort originalId, ushort error, ReadOnlySpan<byte> otherData) =>
        writer.TryWriteName(algorithm, compress: false)
        && writer.TryWriteUInt48(timeSigned)
        && writer.TryWriteUInt16(fudge)
        && writer.TryWriteUInt16((ushort)mac.Length)
        && writer.TryWriteBytes(mac)
        && writer.TryWriteUInt16(originalId)
        && writer.TryWriteUInt16(error)
        && writer.TryWriteUInt16((ushort)otherData.Length)
        && writer.TryWriteBytes(otherData);

    private static byte[] ReadSizedBase64(RdataTextReader text, int size, string what)
    {
        if (size == 0)
        {
            return [];
        }

        string token = text.ReadToken(what);
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(token);
        }
        catch (FormatException)
        {
            throw text.Error($"invalid base64 in {what}");
        }

        if (bytes.Length != size)
        {
            throw text.Error($"{what} has {bytes.Length} octets, its size field says {size}");
        }

        return bytes;
    }
}
