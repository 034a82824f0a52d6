using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.ZoneFile;

namespace SplitDns.Protocol.Tests.ZoneFile;

public partial class ZoneFileReaderTests
{
    private static readonly DnsName s_origin = DnsName.Parse("example.com.");

    private static ZoneParseResult Parse(string text, ZoneParseOptions? options = null) =>
        ZoneFileParser.ParseText(text, "test.zone", s_origin, options);

    [Fact]
    public void Parse_NoTtlAnywhere_ErrorCitesRfc2308()
    {
        ZoneParseResult result = Parse("www A 192.0.2.1\n");

        ZoneFileError error = Assert.Single(result.Errors);
        Assert.Equal(("test.zone", 1, 5), (error.File, error.Line, error.Column));
        Assert.Contains("no TTL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DefaultTtlOption_FillsMissingTtl()
    {
        ZoneParseResult result = Parse("www A 192.0.2.1\n", new ZoneParseOptions { DefaultTtl = 42 });

        Assert.Equal(42u, Assert.Single(result.Records).Ttl);
    }

    [Fact]
    public void Parse_SoaWithoutTtl_UsesMinimumAndWarns()
    {
        ZoneParseResult result = Parse("@ SOA ns hm 1 2 3 4 77\nwww A 192.0.2.1\n");

        Assert.Empty(result.Errors);
        Assert.All(result.Records, r => Assert.Equal(77u, r.Ttl));
        Assert.Contains("SOA MINIMUM", Assert.Single(result.Warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LastExplicitTtl_InheritedWithoutDollarTtl()
    {
        ZoneParseResult result = Parse("a 100 A 192.0.2.1\nb A 192.0.2.2\nc 200 A 192.0.2.3\nd A 192.0.2.4\n");

        Assert.Equal([100u, 100u, 200u, 200u], result.Records.Select(r => r.Ttl));
    }

    [Fact]
    public void Parse_DollarTtlBeatsLastExplicit()
    {
        ZoneParseResult result = Parse("$TTL 60\na 100 A 192.0.2.1\nb A 192.0.2.2\n");

        Assert.Equal([100u, 60u], result.Records.Select(r => r.Ttl));
    }

    [Fact]
    public void Parse_TtlWithTopBitSet_ZeroWithWarning()
    {
        ZoneParseResult result = Parse("a 2147483648 A 192.0.2.1\n");

        Assert.Equal(0u, Assert.Single(result.Records).Ttl);
        Assert.Contains("RFC 2181", Assert.Single(result.Warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SameRrsetDifferentTtl_TakesFirstTtlAndWarns()
    {
        ZoneParseResult result = Parse("a 100 A 192.0.2.1\n  200 A 192.0.2.2\n  TXT x\n");

        Assert.Equal([100u, 100u, 100u], result.Records.Select(r => r.Ttl));
        Assert.Equal(("test.zone", 2, 7), (result.Warnings[0].File, result.Warnings[0].Line, result.Warnings[0].Column));
    }

    [Fact]
    public void Parse_OtherClass_ErrorUnlessZoneClassMatches()
    {
        const string text = "$TTL 1\nversion CH TXT \"1.0\"\n";

        ZoneParseResult inZone = Parse(text);
        ZoneParseResult chaosZone = Parse(text, new ZoneParseOptions { Class = DnsClass.CH });

        Assert.Contains("class CH", Assert.Single(inZone.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(DnsClass.CH, Assert.Single(chaosZone.Records).Class);
    }

    [Theory]
    [InlineData("AXFR")]
    [InlineData("ANY")]
    [InlineData("OPT")]
    [InlineData("TYPE0")]
    public void Parse_MetaType_Error(string type)
    {
        ZoneParseResult result = Parse($"$TTL 1\nx IN {type} \\# 0\n");

        Assert.Contains("cannot appear in zone data", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Class3597AndType3597_Accepted()
    {
        ZoneParseResult result = Parse("$TTL 1\nx CLASS1 TYPE1 192.0.2.1\n");

        ResourceRecord record = Assert.Single(result.Records);
        Assert.Equal((RecordType.A, DnsClass.IN), (record.Type, record.Class));
        Assert.IsType<ARdata>(record.Data);
    }

    [Fact]
    public void Parse_GenericLengthMismatch_ErrorAtRdata()
    {
        ZoneParseResult result = Parse("$TTL 1\nx TYPE65000 \\# 3 0102\n");

        ZoneFileError error = Assert.Single(result.Errors);
        Assert.Equal((2, 18), (error.Line, error.Column));
        Assert.Contains("does not match", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingRdataField_PointsAtLastToken()
    {
        ZoneParseResult result = Parse("$TTL 1\nmx MX 10\n");

        ZoneFileError error = Assert.Single(result.Errors);
        Assert.Equal((2, 7), (error.Line, error.Column));
        Assert.Contains("missing MX exchange", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FirstEntryStartsWithBlank_Error()
    {
        ZoneParseResult result = Parse("$TTL 1\n   A 192.0.2.1\n");

        Assert.Contains("no owner name", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadOwnerThenBlankOwnerLines_OneError()
    {
        ZoneParseResult result = Parse("$TTL 1\na..b A 192.0.2.1\n  A 192.0.2.2\n  TXT x\nc A 192.0.2.3\n");

        Assert.Single(result.Errors);
        Assert.Equal("c.example.com.", Assert.Single(result.Records).Name.ToString());
    }

    [Fact]
    public void Parse_NullOrigin_RelativeNamesHangFromRoot()
    {
        ZoneParseResult result = ZoneFileParser.ParseText("$TTL 1\nwww A 192.0.2.1\n@ NS ns\n", "t.zone", null);

        Assert.Equal(["www.", "."], result.Records.Select(r => r.Name.ToString()));
        Assert.Equal("ns.", result.Records[1].Data.ToString());
    }

    [Fact]
    public void Parse_MaxErrors_StopsWithAFinalNote()
    {
        string text = string.Concat(Enumerable.Repeat("x A bad\n", 50));

        ZoneParseResult result = Parse("$TTL 1\n" + text, new ZoneParseOptions { MaxErrors = 5 });

        Assert.Equal(6, result.Errors.Count);
        Assert.Contains("too many errors", result.Errors[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DirectiveArguments_Checked()
    {
        ZoneParseResult result = Parse("$TTL\n$TTL 1 2\n$ORIGIN\n$INCLUDE a b c\n$TTL forever\n");

        Assert.Equal(
            ["1:1:$TTL needs 1 argument(s)", "2:8:unexpected '2' after $TTL", "3:1:$ORIGIN needs 1 argument(s)", "4:14:unexpected 'c' after $INCLUDE", "5:6:invalid $TTL 'forever'"],
            result.Errors.Select(e => $"{e.Line}:{e.Column}:{e.Message}"));
    }

    [Fact]
    public void Parse_EscapedOwner_DecodedLikeRfc1035()
    {
        ZoneParseResult result = Parse("$TTL 1\na\\.b\\065\\032 A 192.0.2.1\n");

        Assert.Equal("05612E624120076578616D706C6503636F6D00", Convert.ToHexString(Assert.Single(result.Records).Name.Wire));
    }
}
