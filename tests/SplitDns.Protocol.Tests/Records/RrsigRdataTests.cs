using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.Tests.Records;

public class RrsigRdataTests
{
    private const string Signature =
        "oJB1W6WNGv+ldvQ3WDG0MQkg5IEhjRip8WTrPYGv07h108dUKGMeDPKijVCHX3DDKdfb+v6oB9wfuh3DTJXUAfI/M0zmO/zz8bW0Rznl8O3tGNaz" +
        "C8wE3K5H7ST3RZH8/ppDx25uc6iUQWcrlUmBbZLN4c+FGOEkoNFu2NqtijnUI/I=";

    private const string Rfc4034Hex =
        "00010503000151803e7c9dd73e5510d70a52076578616d706c6503636f6d00a090755ba58d1affa576f4375831b4310920e481218d18a9f164eb" +
        "3d81afd3b875d3c75428631e0cf2a28d50875f70c329d7dbfafea807dc1fba1dc34c95d401f23f334ce63bfcf3f1b5b44739e5f0eded18d6b30b" +
        "cc04dcae47ed24f74591fcfe9a43c76e6e73a89441672b9549816d92cde1cf8518e124a0d16ed8daad8a39d423f2";

    [Fact]
    public void Parse_Rfc4034Example_MatchesWire()
    {
        string text = "A 5 3 86400 20030322173103 20030220173103 2642 example.com. " + Signature;
        var sig = (RrsigRdata)RdataAssert.RoundTrip(RecordType.RRSIG, text, Rfc4034Hex);
        Assert.Equal(RecordType.A, sig.TypeCovered);
        Assert.Equal(3, sig.Labels);
        Assert.Equal(86400u, sig.OriginalTtl);
        Assert.Equal(0x3e7c9dd7u, sig.Expiration);
        Assert.Equal(2642, sig.KeyTag);
        Assert.Equal(DnsName.Parse("example.com."), sig.SignerName);
    }

    [Fact]
    public void Parse_IntegerTimesAndGenericType_PrintedAsDates() =>
        RdataAssert.RoundTrip(RecordType.RRSIG, "TYPE65280 13 2 300 1700000000 1690000000 1 Example.COM. AAAA",
            "ff000d020000012c6553f10064bb5a800001074578616d706c6503434f4d00000000",
            "TYPE65280 13 2 300 20231114221320 20230722042640 1 Example.COM. AAAA");

    [Theory]
    [InlineData("19700101000000", 0u)]
    [InlineData("21060207062815", uint.MaxValue)]
    [InlineData("4294967295", uint.MaxValue)]
    public void Parse_TimeLimits_Accepted(string time, uint seconds)
    {
        var sig = (RrsigRdata)RdataAssert.Parse(RecordType.RRSIG, $"A 8 2 60 {time} {time} 1 example.com. AA==");
        Assert.Equal(seconds, sig.Expiration);
    }

    [Theory]
    [InlineData("A 5 3 86400 21060207062816 20030220173103 2642 example.com. AA==")]
    [InlineData("A 5 3 86400 20031322173103 20030220173103 2642 example.com. AA==")]
    [InlineData("A 5 3 86400 4294967296 20030220173103 2642 example.com. AA==")]
    [InlineData("BOGUS 5 3 86400 20030322173103 20030220173103 2642 example.com. AA==")]
    [InlineData("A 5 3 86400 20030322173103 20030220173103 2642")]
    public void Parse_BadText_Throws(string text) => RdataAssert.BadText(RecordType.RRSIG, text);

    [Theory]
    [InlineData("00010503000151803e7c9dd73e5510d70a52c00c")]
    [InlineData("00010503000151803e7c9dd73e5510d70a52076578616d")]
    [InlineData("00010503000151803e7c9dd73e55")]
    public void Read_CompressedOrTruncatedSigner_ThrowsFormatError(string hex) => RdataAssert.BadWire(RecordType.RRSIG, hex);
}
