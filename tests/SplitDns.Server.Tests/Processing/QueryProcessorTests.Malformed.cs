using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Tests.Processing;

public partial class QueryProcessorTests
{
    [Theory]
    [InlineData("")]
    [InlineData("1234")]
    [InlineData("12340100000100000000")]
    public void Process_ShorterThanHeader_Dropped(string hex)
    {
        Assert.Null(_h.Send(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Process_ResponseBitSet_Dropped()
    {
        byte[] q = Harness.BuildQuery("host1.example.", RecordType.A);
        q[2] |= 0x80;

        Assert.Null(_h.Send(q));
    }

    // Header (ID 0x1234, RD) + one question whose name is broken in the named way.
    [Theory]
    [InlineData("123401000001000000000000" + "c00c00010001", "pointer into the header")]
    [InlineData("123401000001000000000000" + "c01200010001", "forward pointer")]
    [InlineData("123401000001000000000000" + "03777777c00c", "pointer loop to header")]
    [InlineData("123401000001000000000000" + "40" , "label type 0x40")]
    [InlineData("123401000001000000000000" + "0377777700", "no type or class")]
    [InlineData("123401000000000000000000", "no question")]
    [InlineData("123401000002000000000000" + "0000010001" + "0000010001", "two questions")]
    [InlineData("123401000001000000000001" + "0000010001" + "00002904d00000000000" + "0003000a00", "truncated OPT option")]
    [InlineData("123401000001000000000002" + "0000010001" + "00002904d0000000000000" + "00002904d0000000000000", "two OPT records")]
    [InlineData("123401000001000100000000" + "0000010001" + "00002904d0000000000000", "OPT in the answer section")]
    [InlineData("12340100ffffffffffffffff" + "0000010001", "65535 counts")]
    [InlineData("123401000001000000000001" + "0000010001" + "0000010001000000000010c0a8", "RDLENGTH past the end")]
    public void Process_Malformed_FormErrEchoingIdNoLongerThanRequest(string hex, string why)
    {
        byte[] request = Convert.FromHexString(hex);

        byte[]? reply = _h.Send(request);

        Assert.NotNull(reply);
        Assert.True(reply!.Length <= request.Length, why);
        Assert.Equal(0x12, reply[0]);
        Assert.Equal(0x34, reply[1]);
        Assert.Equal(DnsRcode.FormErr, (DnsRcode)(reply[3] & 0xF));
        Assert.True((reply[2] & 0x80) != 0);
    }

    [Fact]
    public void Process_Label64_FormErr()
    {
        byte[] request = Convert.FromHexString("123401000001000000000000" + "40" + new string('a', 128) + "0000010001");

        Assert.Equal(DnsRcode.FormErr, (DnsRcode)(_h.Send(request)![3] & 0xF));
    }

    [Fact]
    public void Process_Name256Octets_FormErr()
    {
        string label = "3f" + new string('6', 126);
        byte[] request = Convert.FromHexString("123401000001000000000000" + label + label + label + label + "00" + "00010001");

        Assert.Equal(DnsRcode.FormErr, (DnsRcode)(_h.Send(request)![3] & 0xF));
    }

    [Fact]
    public void Process_AfterGarbage_StillAnswersCorrectly()
    {
        _h.Send(Convert.FromHexString("123401000001000000000000c00c00010001"));

        DnsMessage r = _h.Query("host1.example.", RecordType.A);

        Assert.Equal(["host1.example. 3600 A 192.0.2.1"], r.Answers.Lines());
    }
}
