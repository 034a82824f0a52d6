using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Tests.Edns;

public class ExtendedDnsErrorTests
{
    [Theory]
    [InlineData("000f", ExtendedDnsErrorCode.Blocked, null)]
    [InlineData("000f" + "626c6f636b6564", ExtendedDnsErrorCode.Blocked, "blocked")]
    [InlineData("0016" + "6e6f2072656163680000", ExtendedDnsErrorCode.NoReachableAuthority, "no reach")]
    [InlineData("ffff" + "c3a9", (ExtendedDnsErrorCode)65535, "é")]
    public void Parse_InfoCodeAndText_Decodes(string hex, ExtendedDnsErrorCode code, string? text)
    {
        ExtendedDnsError ede = ExtendedDnsError.Parse(Convert.FromHexString(hex));

        Assert.Equal(code, ede.Code);
        Assert.Equal(text, ede.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("00")]
    public void Parse_ShorterThanInfoCode_ThrowsBadOpt(string hex)
    {
        byte[] data = Convert.FromHexString(hex);

        DnsFormatException e = Assert.Throws<DnsFormatException>(() => ExtendedDnsError.Parse(data));
        Assert.Equal(DnsFormatError.BadOpt, e.Error);
    }

    [Fact]
    public void TryWriteOption_CodeAndText_MatchesToOptionData()
    {
        byte[] buffer = new byte[64];
        var writer = new DnsWriter(buffer);

        Assert.True(ExtendedDnsError.TryWriteOption(ref writer, ExtendedDnsErrorCode.Filtered, "ads"u8));

        Assert.Equal("000f0005" + Convert.ToHexStringLower(new ExtendedDnsError(ExtendedDnsErrorCode.Filtered, "ads").ToOptionData()),
            Convert.ToHexStringLower(writer.Written));
    }

    [Fact]
    public void GetExtendedErrors_TwoOptions_ReturnsBothInOrder()
    {
        var edns = new EdnsRecord();
        edns.AddExtendedError(ExtendedDnsErrorCode.StaleAnswer);
        edns.AddExtendedError(ExtendedDnsErrorCode.NetworkError, "upstream 127.0.0.53 timed out");
        var m = new DnsMessage { Edns = edns };

        List<ExtendedDnsError> errors = DnsMessage.Parse(m.ToArray()).Edns!.GetExtendedErrors();

        Assert.Equal([new ExtendedDnsError(ExtendedDnsErrorCode.StaleAnswer), new ExtendedDnsError(ExtendedDnsErrorCode.NetworkError, "upstream 127.0.0.53 timed out")], errors);
    }
}
