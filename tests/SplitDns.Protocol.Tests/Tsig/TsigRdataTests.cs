using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Tests.Tsig;

public class TsigRdataTests
{
    // hmac-sha256. | time 0x00006553f100 | fudge 300 | MAC size 4 + MAC | original ID 0x1234 | error 0 | other len 0
    private const string WireHex = "0b686d61632d7368613235360000006553f100012c0004deadbeef123400000000";

    [Fact]
    public void Read_WireVector_Fields()
    {
        var data = (TsigRdata)RdataFactory.FromWire(RecordType.TSIG, Convert.FromHexString(WireHex));

        Assert.Equal("hmac-sha256.", data.Algorithm.ToString());
        Assert.Equal(1_700_000_000UL, data.TimeSigned);
        Assert.Equal(300, data.Fudge);
        Assert.Equal("deadbeef", Convert.ToHexStringLower(data.Mac));
        Assert.Equal(0x1234, data.OriginalId);
        Assert.Equal(0, data.Error);
        Assert.True(data.OtherData.IsEmpty);
        Assert.Equal(WireHex, Convert.ToHexStringLower(data.ToWire()));
    }

    [Fact]
    public void AppendPresentation_BindStyle()
    {
        Rdata data = RdataFactory.FromWire(RecordType.TSIG, Convert.FromHexString(WireHex));

        Assert.Equal("hmac-sha256. 1700000000 300 4 3q2+7w== 4660 NOERROR 0", data.ToString());
    }

    [Theory]
    [InlineData("hmac-sha256. 1700000000 300 4 3q2+7w== 4660 NOERROR 0")]
    [InlineData("hmac-md5.sig-alg.reg.int. 1700000000 300 0 4660 BADKEY 0")]
    [InlineData("hmac-sha1. 1700000000 300 0 17 BADTIME 6 AABlU/Fk")]
    public void Parse_PresentationRoundTrip(string text)
    {
        Rdata data = RdataFactory.Parse(RecordType.TSIG, RdataTextReader.FromString(text, DnsName.Root));

        Assert.Equal(text, data.ToString());
        Assert.Equal(data, RdataFactory.FromWire(RecordType.TSIG, data.ToWire()));
    }

    [Theory]
    [InlineData("hmac-sha256. 1700000000 300 5 3q2+7w== 4660 NOERROR 0")]
    [InlineData("hmac-sha256. 281474976710656 300 0 4660 NOERROR 0")]
    [InlineData("hmac-sha256. 1700000000 300 0 4660 NOSUCH 0")]
    public void Parse_Invalid_RdataFormatException(string text) =>
        Assert.Throws<RdataFormatException>(() => RdataFactory.Parse(RecordType.TSIG, RdataTextReader.FromString(text, DnsName.Root)));

    [Theory]
    [InlineData("0b686d61632d7368613235360000006553f100012c0004deadbe")]
    [InlineData("0b686d61632d7368613235360000006553f100012c0004deadbeef1234000000")]
    public void Read_Truncated_DnsFormatException(string hex) =>
        Assert.Throws<DnsFormatException>(() => RdataFactory.FromWire(RecordType.TSIG, Convert.FromHexString(hex)));
}
