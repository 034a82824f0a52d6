using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Tests.Edns;

public class DnsCookieTests
{
    [Theory]
    [InlineData(8, true)]
    [InlineData(16, true)]
    [InlineData(40, true)]
    [InlineData(0, false)]
    [InlineData(7, false)]
    [InlineData(9, false)]
    [InlineData(15, false)]
    [InlineData(41, false)]
    public void IsValidLength_Rfc7873Lengths_OnlyClientOrClientPlus8To32(int length, bool valid)
    {
        Assert.Equal(valid, DnsCookie.IsValidLength(length));
    }

    [Fact]
    public void Parse_ClientAndServer_SplitsAt8()
    {
        byte[] data = Convert.FromHexString("0102030405060708" + "a1a2a3a4a5a6a7a8a9aaabac");

        DnsCookie.Parse(data, out ReadOnlySpan<byte> client, out ReadOnlySpan<byte> server);

        Assert.Equal("0102030405060708", Convert.ToHexStringLower(client));
        Assert.Equal("a1a2a3a4a5a6a7a8a9aaabac", Convert.ToHexStringLower(server));
    }

    [Fact]
    public void Parse_TwelveOctets_ThrowsBadOpt()
    {
        byte[] data = new byte[12];

        DnsFormatException e = Assert.Throws<DnsFormatException>(() => DnsCookie.Parse(data, out _, out _));
        Assert.Equal(DnsFormatError.BadOpt, e.Error);
    }

    [Fact]
    public void TryWriteOption_ClientAndServer_WritesCodeLengthData()
    {
        byte[] buffer = new byte[64];
        var writer = new DnsWriter(buffer);

        Assert.True(DnsCookie.TryWriteOption(ref writer, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, new byte[8]));

        Assert.Equal("000a0010" + "0102030405060708" + "0000000000000000", Convert.ToHexStringLower(writer.Written));
    }

    [Fact]
    public void TryWriteOption_OutOfRoom_ResetsWriter()
    {
        byte[] buffer = new byte[10];
        var writer = new DnsWriter(buffer);

        Assert.False(DnsCookie.TryWriteOption(ref writer, new byte[8], default));
        Assert.Equal(0, writer.Position);
    }

    [Theory]
    [InlineData(7, 0)]
    [InlineData(8, 7)]
    [InlineData(8, 33)]
    public void CreateOption_BadLengths_ThrowsArgumentException(int client, int server)
    {
        Assert.Throws<ArgumentException>(() => DnsCookie.CreateOption(new byte[client], new byte[server]));
    }

    [Fact]
    public void CreateOption_InEdnsRecord_ReadBackThroughTryGetCookie()
    {
        var edns = new EdnsRecord();
        edns.Options.Add(DnsCookie.CreateOption(new byte[] { 9, 9, 9, 9, 9, 9, 9, 9 }, new byte[16]));
        var m = new DnsMessage { Edns = edns };

        DnsMessage back = DnsMessage.Parse(m.ToArray());

        Assert.True(back.Edns!.TryGetCookie(out ReadOnlySpan<byte> client, out ReadOnlySpan<byte> server));
        Assert.Equal("0909090909090909", Convert.ToHexStringLower(client));
        Assert.Equal(16, server.Length);
    }
}
