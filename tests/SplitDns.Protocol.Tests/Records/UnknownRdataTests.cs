using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Tests.Records;

public class UnknownRdataTests
{
    private static readonly RecordType s_private = (RecordType)65280;

    [Fact]
    public void Parse_Type65280Generic_RoundTripsLosslessly()
    {
        Rdata rdata = RdataAssert.RoundTrip(s_private, "\\# 4 0a000001", "0a000001");
        var unknown = Assert.IsType<UnknownRdata>(rdata);
        Assert.Equal(s_private, unknown.Type);
        Assert.Equal("TYPE65280", RecordTypeNames.ToText(unknown.Type));
    }

    [Fact]
    public void Parse_EmptyGeneric_RoundTrips() => Assert.IsType<UnknownRdata>(RdataAssert.RoundTrip(s_private, "\\# 0", ""));

    [Fact]
    public void Parse_HexSplitBySpaces_Joined() =>
        RdataAssert.RoundTrip(s_private, "\\# 6 0a00 0001 ff ee", "0a000001ffee", "\\# 6 0a000001ffee");

    [Theory]
    [InlineData(RecordType.A, "\\# 4 0a000001", "10.0.0.1")]
    [InlineData(RecordType.MX, "\\# 3 000a00", "10 .")]
    [InlineData(RecordType.CAA, "\\# 9 0005697373756561 62", "0 issue \"ab\"")]
    [InlineData(RecordType.SVCB, "\\# 3 000100", "1 .")]
    [InlineData(RecordType.TXT, "\\# 3 026869", "\"hi\"")]
    public void Parse_KnownTypeInGenericForm_BecomesTyped(RecordType type, string text, string expected)
    {
        Rdata rdata = RdataAssert.Parse(type, text);
        Assert.IsNotType<UnknownRdata>(rdata);
        Assert.Equal(expected, rdata.ToString());
    }

    [Theory]
    [InlineData("\\# 5 0a000001")]
    [InlineData("\\# 3 0a000001")]
    [InlineData("\\# 4")]
    [InlineData("\\# 0 00")]
    [InlineData("\\# 4 0a00000")]
    [InlineData("\\# x 0a000001")]
    [InlineData("\\# 65536 00")]
    public void Parse_GenericLengthMismatch_Throws(string text) => RdataAssert.BadText(s_private, text);

    [Theory]
    [InlineData(RecordType.A, "\\# 3 0a0000")]
    [InlineData(RecordType.SRV, "\\# 4 000a0014")]
    [InlineData(RecordType.SVCB, "\\# 10 00010000030003003500")]
    [InlineData(RecordType.NSEC, "\\# 3 000000")]
    [InlineData(RecordType.MX, "\\# 5 000a000000")]
    public void Parse_KnownTypeGenericInvalid_ThrowsRdataFormatException(RecordType type, string text) =>
        RdataAssert.BadText(type, text);

    [Fact]
    public void Parse_UnknownTypeWithoutGenericForm_Throws() => RdataAssert.BadText(s_private, "10.0.0.1");

    [Fact]
    public void Read_UnknownType_KeptAsBytes()
    {
        Rdata rdata = RdataAssert.FromHex((RecordType)4321, "c00c0102");
        Assert.Equal("\\# 4 c00c0102", rdata.ToString());
        Assert.Equal("c00c0102", Convert.ToHexStringLower(rdata.ToWire()));
    }

    [Fact]
    public void Read_EmptyRdataClassAny_KeptOpaqueForUpdate()
    {
        // RFC 2136 §2.5.2: "delete an RRset" has class ANY and RDLENGTH 0, even for typed types.
        var reader = new DnsReader([]);
        Rdata rdata = RdataFactory.Read(RecordType.SRV, DnsClass.Any, ref reader, 0);
        Assert.IsType<UnknownRdata>(rdata);
        Assert.Equal(RecordType.SRV, rdata.Type);
    }
}
