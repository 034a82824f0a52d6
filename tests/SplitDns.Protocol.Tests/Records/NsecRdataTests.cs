using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.Tests.Records;

public class NsecRdataTests
{
    // RFC 4034 §4.3 example, and one with several windows (both checked with named-rrchecker).
    [Theory]
    [InlineData("host.example.com. A MX RRSIG NSEC TYPE1234",
        "04686f7374076578616d706c6503636f6d000006400100000003041b000000000000000000000000000000000000000000000000000020")]
    [InlineData("host.example.com. NS SOA TXT AAAA RRSIG NSEC DNSKEY CAA TYPE65280",
        "04686f7374076578616d706c6503636f6d00000722008008000380010140ff0180")]
    [InlineData("host.example.com.", "04686f7374076578616d706c6503636f6d00")]
    public void Parse_Rfc4034Example_MatchesWire(string text, string hex) => RdataAssert.RoundTrip(RecordType.NSEC, text, hex);

    [Fact]
    public void Parse_UnsortedRepeatedTypes_NormalizedAndSorted()
    {
        var nsec = (NsecRdata)RdataAssert.Parse(RecordType.NSEC, "host.example.com. NSEC A RRSIG MX A TYPE1");
        Assert.Equal("host.example.com. A MX RRSIG NSEC", nsec.ToString());
        Assert.True(nsec.HasType(RecordType.MX));
        Assert.False(nsec.HasType(RecordType.AAAA));
    }

    // Next name "." then a bad bitmap (RFC 4034 §4.1.2), or a bad next name.
    [Theory]
    [InlineData("00" + "0000")]
    [InlineData("00" + "0021" + "0000000000000000000000000000000000000000000000000000000000000000" + "01")]
    [InlineData("00" + "0006" + "40010000")]
    [InlineData("00" + "000140" + "000140")]
    [InlineData("00" + "010140" + "000140")]
    [InlineData("00" + "00024000")]
    [InlineData("00" + "00")]
    [InlineData("00" + "000140" + "01")]
    [InlineData("c00c" + "000140")]
    [InlineData("0461626364")]
    public void Read_BadBitmapOrName_ThrowsFormatError(string hex) => RdataAssert.BadWire(RecordType.NSEC, hex);

    [Fact]
    public void Parse_UnknownMnemonic_Throws() => RdataAssert.BadText(RecordType.NSEC, "host.example.com. A NOTATYPE");
}
