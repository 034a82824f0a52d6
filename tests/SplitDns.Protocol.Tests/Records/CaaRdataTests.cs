using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.Tests.Records;

public class CaaRdataTests
{
    // RFC 8659 §4 examples; wire and output checked against BIND's named-rrchecker.
    [Theory]
    [InlineData("0 issue \"ca.example.net\"", "0005697373756563612e6578616d706c652e6e6574", null)]
    [InlineData("128 tbs \"Unknown\"", "8003746273556e6b6e6f776e", null)]
    [InlineData("0 iodef \"mailto:security@example.com\"", "0005696f6465666d61696c746f3a7365637572697479406578616d706c652e636f6d", null)]
    [InlineData("0 issue \";\"", "000569737375653b", null)]
    [InlineData("0 issuewild \"a\\\"b\\\\c d\"", "0009697373756577696c646122625c632064", null)]
    [InlineData("0 issue \"\"", "00056973737565", null)]
    [InlineData("0 issue ca.example.net", "0005697373756563612e6578616d706c652e6e6574", "0 issue \"ca.example.net\"")]
    public void Parse_Presentation_MatchesWireAndPrintsQuoted(string text, string hex, string? expected) =>
        RdataAssert.RoundTrip(RecordType.CAA, text, hex, expected);

    [Fact]
    public void Read_IssuerCritical_ExposesFields()
    {
        var caa = (CaaRdata)RdataAssert.FromHex(RecordType.CAA, "8003746273556e6b6e6f776e");
        Assert.Equal(CaaRdata.IssuerCriticalFlag, caa.Flags);
        Assert.Equal("tbs", caa.Tag);
        Assert.Equal("Unknown"u8.ToArray(), caa.Value.ToArray());
    }

    [Theory]
    [InlineData("00")]
    [InlineData("0000")]
    [InlineData("000569737375")]
    [InlineData("00036973")]
    [InlineData("0003697320")]
    public void Read_BadTag_ThrowsFormatError(string hex) => RdataAssert.BadWire(RecordType.CAA, hex);

    [Theory]
    [InlineData("0 is-sue \"x\"")]
    [InlineData("256 issue \"x\"")]
    [InlineData("0 issue")]
    public void Parse_BadText_Throws(string text) => RdataAssert.BadText(RecordType.CAA, text);
}
