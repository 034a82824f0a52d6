using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.Tests.Records;

public class HinfoRdataTests
{
    [Theory]
    [InlineData("\"PC\" \"Linux 5\"", "025043074c696e75782035", null)]
    [InlineData("PC Linux", "025043054c696e7578", "\"PC\" \"Linux\"")]
    [InlineData("\"\" \"\"", "0000", null)]
    [InlineData("\"RFC8482\" \"\"", "07524643383438320" + "0", null)]
    public void Parse_Presentation_MatchesWireAndPrintsQuoted(string text, string hex, string? expected) =>
        RdataAssert.RoundTrip(RecordType.HINFO, text, hex, expected);

    [Theory]
    [InlineData("02504307")]
    [InlineData("00")]
    [InlineData("000000")]
    public void Read_Bad_ThrowsFormatError(string hex) => RdataAssert.BadWire(RecordType.HINFO, hex);

    [Fact]
    public void Parse_OneString_Throws() => RdataAssert.BadText(RecordType.HINFO, "\"PC\"");
}
