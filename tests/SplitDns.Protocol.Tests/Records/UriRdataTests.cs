using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.Tests.Records;

public class UriRdataTests
{
    // RFC 7553 §4.5 examples.
    [Theory]
    [InlineData("10 1 \"ftp://ftp1.example.com/public\"", "000a00016674703a2f2f667470312e6578616d706c652e636f6d2f7075626c6963")]
    [InlineData("10 1 \"http://www.example.com/path\"", "000a0001687474703a2f2f7777772e6578616d706c652e636f6d2f70617468")]
    public void Parse_Rfc7553Examples_MatchWire(string text, string hex) => RdataAssert.RoundTrip(RecordType.URI, text, hex);

    [Fact]
    public void Parse_TargetLongerThan255_KeptWhole()
    {
        string uri = "https://example.com/" + new string('a', 300);
        var rdata = (UriRdata)RdataAssert.Parse(RecordType.URI, $"1 2 \"{uri}\"");
        Assert.Equal(300 + 20, rdata.Target.Length);
        Assert.Equal(4 + 320, rdata.ToWire().Length);
        Assert.Equal(rdata, RdataAssert.FromHex(RecordType.URI, Convert.ToHexString(rdata.ToWire())));
    }

    [Theory]
    [InlineData("000a00")]
    [InlineData("")]
    public void Read_TooShort_ThrowsFormatError(string hex) => RdataAssert.BadWire(RecordType.URI, hex);
}
