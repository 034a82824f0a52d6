using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.Tests.Records;

public class DsRdataTests
{
    // RFC 4034 §5.4 example, and an RFC 4509 SHA-256 digest split by a space.
    [Theory]
    [InlineData("60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118", "ec4505012bb183af5f22588179a53b0a98631fad1a292118", null)]
    [InlineData("2642 8 2 0c72ac70b745ac19998811b131d662c9ac69dbdbe7cb23e5b514b566 64c5d3d6",
        "0a5208020c72ac70b745ac19998811b131d662c9ac69dbdbe7cb23e5b514b56664c5d3d6",
        "2642 8 2 0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B56664C5D3D6")]
    public void Parse_Rfc4034Example_MatchesWire(string text, string hex, string? expected)
    {
        var ds = (DsRdata)RdataAssert.RoundTrip(RecordType.DS, text, hex, expected);
        Assert.Equal(RecordType.DS, ds.Type);
    }

    [Fact]
    public void Parse_CdsDeleteRecord_TypedAsCds()
    {
        // RFC 8078 §4: "CDS 0 0 0 00" asks the parent to remove the DS RRset.
        var cds = Assert.IsType<CdsRdata>(RdataAssert.RoundTrip(RecordType.CDS, "0 0 0 00", "0000000000"));
        Assert.Equal(RecordType.CDS, cds.Type);
        Assert.Equal([0], cds.Digest.ToArray());
    }

    [Fact]
    public void Read_EmptyDigest_KeptAndPrintedWithoutDigest() =>
        RdataAssert.RoundTrip(RecordType.DS, "1 2 3", "00010203");

    [Theory]
    [InlineData("000102")]
    [InlineData("")]
    public void Read_TooShort_ThrowsFormatError(string hex) => RdataAssert.BadWire(RecordType.DS, hex);

    [Theory]
    [InlineData("60485 5 1 2BB183AF5F2258817")]
    [InlineData("60485 5 1 XYZ")]
    [InlineData("60485 5 256 00")]
    [InlineData("60485 5")]
    public void Parse_BadText_Throws(string text) => RdataAssert.BadText(RecordType.DS, text);
}
