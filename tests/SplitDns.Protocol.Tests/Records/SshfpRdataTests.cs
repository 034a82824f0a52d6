using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.Tests.Records;

public class SshfpRdataTests
{
    // RFC 4255 §3.3 example and an RFC 6594 SHA-256 fingerprint.
    [Theory]
    [InlineData("2 1 123456789abcdef67890123456789abcdef67890", "0201123456789abcdef67890123456789abcdef67890",
        "2 1 123456789ABCDEF67890123456789ABCDEF67890")]
    [InlineData("4 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
        "04020123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", null)]
    public void Parse_Examples_MatchWire(string text, string hex, string? expected) =>
        RdataAssert.RoundTrip(RecordType.SSHFP, text, hex, expected);

    [Fact]
    public void Read_TooShort_ThrowsFormatError() => RdataAssert.BadWire(RecordType.SSHFP, "02");

    [Fact]
    public void Parse_BadHex_Throws() => RdataAssert.BadText(RecordType.SSHFP, "2 1 12345G");
}
