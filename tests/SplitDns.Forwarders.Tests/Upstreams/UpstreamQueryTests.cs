using SplitDns.Forwarders.Upstreams;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Forwarders.Tests.Upstreams;

public class UpstreamQueryTests
{
    private static readonly UpstreamQuery s_query =
        UpstreamQuery.Create(new DnsQuestion(DnsName.Parse("www.example."), RecordType.A), dnssecOk: true, checkingDisabled: false);

    [Fact]
    public void Create_SetsRdEdnsAndDo()
    {
        var message = DnsMessage.Parse(s_query.Wire);

        Assert.True(message.Header.RecursionDesired);
        Assert.Equal(UpstreamQuery.EdnsPayloadSize, message.Edns!.UdpPayloadSize);
        Assert.True(message.Edns.DnssecOk);
        Assert.Equal(s_query.Id, message.Id);
    }

    // Header (ID patched in), then "www.EXAMPLE." A IN: the name matches case-insensitively.
    [Theory]
    [InlineData("81800001000000000000" + "03777777074558414d504c4500" + "00010001", true)]
    [InlineData("01800001000000000000" + "03777777076578616d706c6500" + "00010001", false)] // QR clear
    [InlineData("81800002000000000000" + "03777777076578616d706c6500" + "00010001", false)] // two questions
    [InlineData("81800001000000000000" + "036576696c076578616d706c6500" + "00010001", false)] // other name
    [InlineData("81800001000000000000" + "03777777076578616d706c6500" + "000f0001", false)] // other type
    [InlineData("81800001000000000000" + "03777777076578616d706c6500" + "00010003", false)] // other class
    [InlineData("8180000100000000000003777777", false)] // truncated
    public void Matches_HexResponses(string hexAfterId, bool expected)
    {
        byte[] response = Convert.FromHexString(s_query.Id.ToString("x4", System.Globalization.CultureInfo.InvariantCulture) + hexAfterId);

        Assert.Equal(expected, s_query.Matches(response));
    }

    [Fact]
    public void Matches_WrongId_False()
    {
        byte[] response = Convert.FromHexString(((ushort)(s_query.Id + 1)).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)
            + "81800001000000000000" + "03777777076578616d706c6500" + "00010001");

        Assert.False(s_query.Matches(response));
    }
}
