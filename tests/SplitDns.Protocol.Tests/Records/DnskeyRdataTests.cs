using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.Tests.Records;

public class DnskeyRdataTests
{
    private const string Rfc4034Key =
        "AQPSKmynfzW4kyBv015MUG2DeIQ3Cbl+BBZH4b/0PY1kxkmvHjcZc8no kfzj31GajIQKY+5CptLr3buXA10hWqTkF7H6RfoRqXQeogmMHfpftf6z " +
        "Mv1LyBUgia7za6ZEzOJBOztyvhjL742iU/TpPSEDhm2SNKLijfUppn1U aNvv4w==";

    private const string Rfc4034Hex =
        "010003050103d22a6ca77f35b893206fd35e4c506d8378843709b97e041647e1bff43d8d64c649af1e371973c9e891fce3df519a8c840a63ee42a6" +
        "d2ebddbb97035d215aa4e417b1fa45fa11a9741ea2098c1dfa5fb5feb332fd4bc8152089aef36ba644cce2413b3b72be18cbef8da253f4e93d2103" +
        "866d9234a2e28df529a67d5468dbefe3";

    [Fact]
    public void Parse_Rfc4034Example_SpacesInBase64_MatchesWire()
    {
        var key = (DnskeyRdata)RdataAssert.RoundTrip(RecordType.DNSKEY, "256 3 5 " + Rfc4034Key, Rfc4034Hex,
            "256 3 5 " + Rfc4034Key.Replace(" ", string.Empty, StringComparison.Ordinal));
        Assert.Equal(DnskeyRdata.ZoneKeyFlag, key.Flags);
        Assert.Equal(3, key.Protocol);
    }

    // Key tags as computed by BIND's dnssec-dsfromkey (RFC 4034 Appendix B).
    [Theory]
    [InlineData("256 3 5 " + Rfc4034Key, 2642)]
    [InlineData("257 3 15 l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4=", 3613)]
    public void ComputeKeyTag_KnownKeys_MatchesBind(string text, int tag) =>
        Assert.Equal(tag, ((DnskeyRdata)RdataAssert.Parse(RecordType.DNSKEY, text)).ComputeKeyTag());

    [Fact]
    public void Parse_CdnskeyDelete_TypedAsCdnskey()
    {
        // RFC 8078 §4: "CDNSKEY 0 3 0 AA==".
        var cdnskey = Assert.IsType<CdnskeyRdata>(RdataAssert.RoundTrip(RecordType.CDNSKEY, "0 3 0 AA==", "0000030000"));
        Assert.Equal(RecordType.CDNSKEY, cdnskey.Type);
    }

    [Theory]
    [InlineData("257 3 15 l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4")]
    [InlineData("257 3 15 !!!!")]
    [InlineData("65536 3 15 AA==")]
    public void Parse_BadText_Throws(string text) => RdataAssert.BadText(RecordType.DNSKEY, text);

    [Fact]
    public void Read_TooShort_ThrowsFormatError() => RdataAssert.BadWire(RecordType.DNSKEY, "010003");
}
