using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Tests.Records;

/// <summary>Shared checks: presentation → wire → object → presentation, all through <see cref="RdataFactory"/>.</summary>
internal static class RdataAssert
{
    public static readonly DnsName Origin = DnsName.Parse("example.com.");

    public static Rdata Parse(RecordType type, string presentation) =>
        RdataFactory.Parse(type, RdataTextReader.FromString(presentation, Origin));

    public static Rdata FromHex(RecordType type, string hex) => RdataFactory.FromWire(type, Convert.FromHexString(hex));

    /// <summary>
    /// Parses <paramref name="presentation"/>, checks its wire form is <paramref name="hex"/>, reads the
    /// wire back and checks it prints as <paramref name="expected"/> (default: the input) and that
    /// the printed form parses to the same wire again.
    /// </summary>
    public static Rdata RoundTrip(RecordType type, string presentation, string hex, string? expected = null)
    {
        Rdata parsed = Parse(type, presentation);
        Assert.Equal(type, parsed.Type);
        Assert.Equal(hex, Convert.ToHexStringLower(parsed.ToWire()));

        Rdata read = FromHex(type, hex);
        Assert.Equal(parsed.GetType(), read.GetType());
        string printed = read.ToString();
        Assert.Equal(expected ?? presentation, printed);
        Assert.Equal(parsed, read);

        Rdata reparsed = Parse(type, printed);
        Assert.Equal(hex, Convert.ToHexStringLower(reparsed.ToWire()));
        return read;
    }

    /// <summary>Reading <paramref name="hex"/> as RDATA of <paramref name="type"/> fails with a format error, nothing else.</summary>
    public static DnsFormatException BadWire(RecordType type, string hex) =>
        Assert.Throws<DnsFormatException>(() => FromHex(type, hex));

    public static RdataFormatException BadText(RecordType type, string presentation) =>
        Assert.Throws<RdataFormatException>(() => Parse(type, presentation));
}
