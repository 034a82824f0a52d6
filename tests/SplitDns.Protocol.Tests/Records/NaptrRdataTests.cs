using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.Tests.Records;

public class NaptrRdataTests
{
    // RFC 3403 §6.2 examples, wire checked against BIND's named-rrchecker.
    [Theory]
    [InlineData("100 10 \"\" \"\" \"!^urn:cid:.+@([^\\\\.]+\\\\.)(.*)$!\\\\2!i\" .",
        "0064000a000021215e75726e3a6369643a2e2b40285b5e5c2e5d2b5c2e29282e2a2924215c32216900")]
    [InlineData("100 50 \"a\" \"z3950+N2L+N2C\" \"\" cidserver.example.com.",
        "0064003201610d7a333935302b4e324c2b4e32430009636964736572766572076578616d706c6503636f6d00")]
    [InlineData("100 50 \"S\" \"SIP+D2U\" \"\" _sip._udp.example.com.",
        "006400320153075349502b44325500045f736970045f756470076578616d706c6503636f6d00")]
    public void Parse_Rfc3403Examples_MatchWireAndPrintBack(string text, string hex) =>
        RdataAssert.RoundTrip(RecordType.NAPTR, text, hex);

    [Fact]
    public void Parse_UnquotedStrings_PrintedQuoted()
    {
        var naptr = (NaptrRdata)RdataAssert.RoundTrip(RecordType.NAPTR, "1 2 S SIP+D2U x _sip._udp",
            "0001000201530753495" + "02b44325501780" + "45f736970045f756470076578616d706c6503636f6d00",
            "1 2 \"S\" \"SIP+D2U\" \"x\" _sip._udp.example.com.");
        Assert.Equal("S"u8.ToArray(), naptr.Flags.ToArray());
    }

    [Theory]
    [InlineData("00640032")]
    [InlineData("0064003201")]
    [InlineData("006400320153075349502b443255")]
    [InlineData("006400320153075349502b443255000000")]
    public void Read_Truncated_ThrowsFormatError(string hex) => RdataAssert.BadWire(RecordType.NAPTR, hex);

    [Theory]
    [InlineData("100 50 \"S\" \"SIP+D2U\" \"\"")]
    [InlineData("100 \"S\" \"SIP+D2U\" \"\" .")]
    public void Parse_MissingField_Throws(string text) => RdataAssert.BadText(RecordType.NAPTR, text);
}
