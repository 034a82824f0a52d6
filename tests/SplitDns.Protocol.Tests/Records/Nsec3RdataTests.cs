using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.Tests.Records;

public class Nsec3RdataTests
{
    // RFC 5155 Appendix A style records; output as BIND prints (upper-case hex and base32hex).
    [Theory]
    [InlineData("1 1 12 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22bojr A RRSIG",
        "0101000c04aabbccdd14174eb2409fe28bcb4887a1836f957f0a8425e27b0006400000000002",
        "1 1 12 AABBCCDD 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR A RRSIG")]
    [InlineData("1 0 0 - 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR", "010000000014174eb2409fe28bcb4887a1836f957f0a8425e27b", null)]
    public void Parse_Nsec3_MatchesBind(string text, string hex, string? expected) =>
        RdataAssert.RoundTrip(RecordType.NSEC3, text, hex, expected);

    [Theory]
    [InlineData("1 0 12 aabbccdd", "0100000c04aabbccdd", "1 0 12 AABBCCDD")]
    [InlineData("1 0 0 -", "0100000000", null)]
    public void Parse_Nsec3Param_MatchesBind(string text, string hex, string? expected) =>
        RdataAssert.RoundTrip(RecordType.NSEC3PARAM, text, hex, expected);

    [Theory]
    [InlineData("1 0 0 - 2T7B4G4VSA5SMI47K61MV5BV1A22BOJ")]
    [InlineData("1 0 0 - 2T7B4G4VSA5SMI47K61MV5BV1A22BOJW")]
    [InlineData("1 0 0 abc 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR")]
    [InlineData("1 0 0 -")]
    public void Parse_BadText_Throws(string text) => RdataAssert.BadText(RecordType.NSEC3, text);

    [Theory]
    [InlineData("0100000000")]
    [InlineData("01000000001417")]
    [InlineData("010000000001aa000100")]
    public void Read_Bad_ThrowsFormatError(string hex) => RdataAssert.BadWire(RecordType.NSEC3, hex);
}
