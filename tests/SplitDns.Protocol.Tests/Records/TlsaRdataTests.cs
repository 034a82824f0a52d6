using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.Tests.Records;

public class TlsaRdataTests
{
    private const string Digest = "0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B56664C5D3D6";

    // RFC 6698 §2.3 examples.
    [Theory]
    [InlineData("3 1 1 " + Digest, "0301010c72ac70b745ac19998811b131d662c9ac69dbdbe7cb23e5b514b56664c5d3d6", null)]
    [InlineData("0 0 1 d2abde240d7cd3ee6b4b28c54df034b9 7983a1d16e8a410e4561cb106618e971",
        "000001d2abde240d7cd3ee6b4b28c54df034b97983a1d16e8a410e4561cb106618e971",
        "0 0 1 D2ABDE240D7CD3EE6B4B28C54DF034B97983A1D16E8A410E4561CB106618E971")]
    public void Parse_Rfc6698Examples_MatchWire(string text, string hex, string? expected) =>
        RdataAssert.RoundTrip(RecordType.TLSA, text, hex, expected);

    [Fact]
    public void Parse_Smimea_SameFormatTypedAsSmimea() =>
        Assert.IsType<SmimeaRdata>(RdataAssert.RoundTrip(RecordType.SMIMEA, "3 1 1 " + Digest,
            "0301010c72ac70b745ac19998811b131d662c9ac69dbdbe7cb23e5b514b56664c5d3d6"));

    [Fact]
    public void Read_TooShort_ThrowsFormatError() => RdataAssert.BadWire(RecordType.TLSA, "0301");

    [Fact]
    public void Parse_OddHex_Throws() => RdataAssert.BadText(RecordType.TLSA, "3 1 1 0C7");
}
