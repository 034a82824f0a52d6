using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Tests.Records;

public class SrvRdataTests
{
    [Theory]
    [InlineData("10 60 5060 bigbox.example.com.", "000a003c13c406626967626f78076578616d706c6503636f6d00", null)]
    [InlineData("10 60 5060 bigbox", "000a003c13c406626967626f78076578616d706c6503636f6d00", "10 60 5060 bigbox.example.com.")]
    [InlineData("0 0 0 .", "00000000000000", null)]
    [InlineData("65535 65535 65535 Sip.Example.COM.", "ffffffffffff03536970074578616d706c6503434f4d00", null)]
    public void Parse_Presentation_MatchesBindWireAndPrintsBack(string text, string hex, string? expected)
    {
        var srv = (SrvRdata)RdataAssert.RoundTrip(RecordType.SRV, text, hex, expected);
        Assert.Equal(srv.Target, DnsName.Parse(srv.Target.ToString()));
    }

    [Fact]
    public void Parse_GenericForm_BecomesTypedSrv()
    {
        Rdata rdata = RdataAssert.Parse(RecordType.SRV, "\\# 7 000a0014001e00");
        var srv = Assert.IsType<SrvRdata>(rdata);
        Assert.Equal("10 20 30 .", srv.ToString());
    }

    [Fact]
    public void TryWrite_AfterSameNameInMessage_TargetStaysUncompressed()
    {
        // RFC 2782 / RFC 3597 §4: SRV targets are never compressed on output.
        byte[] buffer = new byte[512];
        var writer = new DnsWriter(buffer);
        DnsName target = DnsName.Parse("sip.example.com.");
        Assert.True(writer.TryWriteName(target));
        int start = writer.Position;
        Assert.True(new SrvRdata(1, 2, 3, target).TryWrite(ref writer));
        Assert.Equal("000100020003037369700765" + "78616d706c6503636f6d00", Convert.ToHexStringLower(buffer[start..writer.Position]));
    }

    [Fact]
    public void Read_CompressedTarget_AcceptedLikeBind()
    {
        // Header (12 bytes), then "example.com." at offset 12, then SRV RDATA whose target is
        // "sip" + pointer to offset 12 (RFC 2052 servers still send this; RFC 3597 §4).
        string hex = new string('0', 24) + "076578616d706c6503636f6d00" + "000100020003" + "03736970c00c";
        byte[] message = Convert.FromHexString(hex);
        var reader = new DnsReader(message, 25);
        Rdata rdata = RdataFactory.Read(RecordType.SRV, DnsClass.IN, ref reader, 12);
        Assert.Equal("1 2 3 sip.example.com.", rdata.ToString());
        Assert.Equal(message.Length, reader.Position);
    }

    [Theory]
    [InlineData("000a0014001e")]
    [InlineData("000a0014")]
    [InlineData("000a0014001e03736970")]
    [InlineData("000a0014001e0000")]
    public void Read_BadRdata_ThrowsFormatError(string hex) => RdataAssert.BadWire(RecordType.SRV, hex);

    [Fact]
    public void Read_RdlengthShorterThanRdata_ThrowsFormatError()
    {
        // RDLENGTH 6 covers priority, weight and port only; the target lies outside it.
        byte[] message = Convert.FromHexString("000a0014001e00");
        var reader = new DnsReader(message);
        try
        {
            RdataFactory.Read(RecordType.SRV, DnsClass.IN, ref reader, 6);
            Assert.Fail("expected a format error");
        }
        catch (DnsFormatException)
        {
        }
    }

    [Theory]
    [InlineData("10 60 5060")]
    [InlineData("10 60 65536 host.")]
    [InlineData("-1 60 5060 host.")]
    [InlineData("10 60 5060 host. extra")]
    [InlineData("10 60 5060 bad..name.")]
    public void Parse_BadText_ThrowsRdataFormatException(string text) => RdataAssert.BadText(RecordType.SRV, text);
}
