using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.Tests.Records;

public class SvcbRdataTests
{
    // RFC 9460 Appendix D.1 and D.2 test vectors (wire also checked with BIND's named-rrchecker);
    // the expected output is BIND's, except that spaces inside quotes are not escaped.
    [Theory]
    [InlineData("0 foo.example.com.", "000003666f6f076578616d706c6503636f6d00", null)]
    [InlineData("1 .", "000100", null)]
    [InlineData("16 foo.example.com. port=53", "001003666f6f076578616d706c6503636f6d00000300020035", null)]
    [InlineData("1 foo.example.com. key667=hello", "000103666f6f076578616d706c6503636f6d00029b000568656c6c6f",
        "1 foo.example.com. key667=\"hello\"")]
    [InlineData("1 foo.example.com. key667=\"hello\\210qoo\"", "000103666f6f076578616d706c6503636f6d00029b000968656c6c6fd2716f6f", null)]
    [InlineData("1 foo.example.com. ipv6hint=\"2001:db8::1,2001:db8::53:1\"",
        "000103666f6f076578616d706c6503636f6d000006002020010db800000000000000000000000120010db8000000000000000000530001",
        "1 foo.example.com. ipv6hint=2001:db8::1,2001:db8::53:1")]
    [InlineData("1 example.com. ipv6hint=\"2001:db8:122:344::192.0.2.33\"",
        "0001076578616d706c6503636f6d000006001020010db80122034400000000c0000221",
        "1 example.com. ipv6hint=2001:db8:122:344::c000:221")]
    [InlineData("16 foo.example.org. alpn=h2,h3-19 mandatory=ipv4hint,alpn ipv4hint=192.0.2.1",
        "001003666f6f076578616d706c65036f7267000000000400010004000100090268320568332d313900040004c0000201",
        "16 foo.example.org. mandatory=alpn,ipv4hint alpn=\"h2,h3-19\" ipv4hint=192.0.2.1")]
    [InlineData("16 foo.example.org. alpn=\"f\\\\\\\\oo\\\\,bar,h2\"",
        "001003666f6f076578616d706c65036f7267000001000c08665c6f6f2c626172026832", null)]
    [InlineData("16 foo.example.org. alpn=f\\\\\\092oo\\092,bar,h2",
        "001003666f6f076578616d706c65036f7267000001000c08665c6f6f2c626172026832",
        "16 foo.example.org. alpn=\"f\\\\\\\\oo\\\\,bar,h2\"")]
    public void Parse_Rfc9460AppendixD_MatchesWireAndPrintsBack(string text, string hex, string? expected) =>
        RdataAssert.RoundTrip(RecordType.SVCB, text, hex, expected);

    [Theory]
    [InlineData("1 . alpn=h2,h3 port=8443 ipv4hint=192.0.2.1,192.0.2.2 ech=AEX+DQ== ipv6hint=2001:db8::1 mandatory=alpn,port",
        "0001000000000400010003000100060268320268330003000220fb00040008c0000201c0000202000500040045fe0d0006001020010db8000000000000000000000001",
        "1 . mandatory=alpn,port alpn=\"h2,h3\" port=8443 ipv4hint=192.0.2.1,192.0.2.2 ech=AEX+DQ== ipv6hint=2001:db8::1")]
    [InlineData("1 . no-default-alpn alpn=h2 key65333=ex1", "0001000001000302683200020000ff350003657831",
        "1 . alpn=\"h2\" no-default-alpn key65333=\"ex1\"")]
    [InlineData("1 foo.example.com. key65535", "000103666f6f076578616d706c6503636f6d00ffff0000", null)]
    [InlineData("1 foo.example.com. key65535=\"\"", "000103666f6f076578616d706c6503636f6d00ffff0000", "1 foo.example.com. key65535")]
    [InlineData("1 doh.example.net. alpn=h2 dohpath=/dns-query{?dns}",
        "000103646f68076578616d706c65036e65740000010003026832000700102f646e732d71756572797b3f646e737d",
        "1 doh.example.net. alpn=\"h2\" dohpath=\"/dns-query{?dns}\"")]
    [InlineData("1 . alpn=\"h2 h3\"", "00010000010006056832206833", null)]
    [InlineData("1 . key7=\"a b\" KEY8", "0001000007000361206200080000", "1 . dohpath=\"a b\" ohttp")]
    public void Parse_AllKeys_SortedOnWireAndPrintedLikeBind(string text, string hex, string? expected) =>
        RdataAssert.RoundTrip(RecordType.SVCB, text, hex, expected);

    [Fact]
    public void Parse_KeyEqualsThenSeparateQuotedToken_Accepted()
    {
        // A generic zone tokenizer may split key="v" into "key=" and a quoted token.
        var tokens = new[] { new RdataToken("1", false), new RdataToken(".", false), new RdataToken("alpn=", false), new RdataToken("h2,h3", true) };
        Rdata rdata = RdataFactory.Parse(RecordType.SVCB, new RdataTextReader(tokens, RdataAssert.Origin));
        Assert.Equal("1 . alpn=\"h2,h3\"", rdata.ToString());
    }

    [Fact]
    public void Parse_Https_TypedAsHttpsWithSameWire()
    {
        var https = Assert.IsType<HttpsRdata>(RdataAssert.RoundTrip(RecordType.HTTPS, "1 . alpn=h3", "00010000010003026833", "1 . alpn=\"h3\""));
        Assert.False(https.IsAliasMode);
        Assert.True(https.TryGetParam(SvcParamKey.Alpn, out SvcParam alpn));
        Assert.Equal("026833", Convert.ToHexStringLower(alpn.Value));
        Assert.NotEqual<Rdata>(https, RdataAssert.Parse(RecordType.SVCB, "1 . alpn=h3"));
    }

    [Fact]
    public void Parse_AliasMode_PriorityZero()
    {
        var alias = (SvcbRdata)RdataAssert.Parse(RecordType.HTTPS, "0 pool.svc.example.");
        Assert.True(alias.IsAliasMode);
        Assert.Equal(DnsName.Parse("pool.svc.example."), alias.TargetName);
        Assert.Empty(alias.Params);
    }

    // RFC 9460 Appendix D.3 failure cases, plus value syntax errors.
    [Theory]
    [InlineData("1 foo.example.com. key123=abc key123=def")]
    [InlineData("1 foo.example.com. mandatory")]
    [InlineData("1 foo.example.com. alpn")]
    [InlineData("1 foo.example.com. port")]
    [InlineData("1 foo.example.com. ipv4hint")]
    [InlineData("1 foo.example.com. ipv6hint")]
    [InlineData("1 foo.example.com. no-default-alpn=abc")]
    [InlineData("1 foo.example.com. mandatory=key123")]
    [InlineData("1 foo.example.com. mandatory=mandatory")]
    [InlineData("1 foo.example.com. mandatory=key123,key123 key123=abc")]
    [InlineData("1 . port=65536")]
    [InlineData("1 . port=-1")]
    [InlineData("1 . ipv4hint=192.0.2.1,2001:db8::1")]
    [InlineData("1 . ipv4hint=1.2.3")]
    [InlineData("1 . ipv6hint=192.0.2.1")]
    [InlineData("1 . alpn=h2,,h3")]
    [InlineData("1 . alpn=")]
    [InlineData("1 . ech=not*base64")]
    [InlineData("1 . unknownkey=1")]
    [InlineData("1 . key65536=1")]
    [InlineData("1 . \"alpn=h2\"")]
    [InlineData("1 . alpn=\"h2")]
    [InlineData("1")]
    public void Parse_Malformed_ThrowsRdataFormatException(string text) => RdataAssert.BadText(RecordType.SVCB, text);

    [Theory]
    [InlineData("000100" + "000300020035" + "0001000302683" + "2")]
    [InlineData("000100" + "000300020035" + "000300020035")]
    [InlineData("000100" + "00030003003500")]
    [InlineData("000100" + "0001000100")]
    [InlineData("000100" + "000100030268")]
    [InlineData("000100" + "000000020003")]
    [InlineData("000100" + "0000000400030003" + "000300020035")]
    [InlineData("000100" + "000000020000")]
    [InlineData("000100" + "0000000400040003" + "000300020035" + "00040004c0000201")]
    [InlineData("000100" + "000300")]
    [InlineData("000100" + "000300050035")]
    [InlineData("000100" + "00040003c00002")]
    [InlineData("000100" + "000600040000000" + "1")]
    [InlineData("000100" + "0002000161")]
    [InlineData("0001c00c")]
    [InlineData("0001")]
    public void Read_Malformed_ThrowsFormatError(string hex) => RdataAssert.BadWire(RecordType.SVCB, hex);
}
