using System.Net;
using SplitDns.Protocol.Proxy;

namespace SplitDns.Protocol.Tests.Proxy;

public class ProxyHeaderTests
{
    private const string Signature = "0d0a0d0a000d0a515549540a";

    [Fact]
    public void TryParse_ProxyTcp4_SourceDestinationAndLength()
    {
        // 192.0.2.10:40000 → 198.51.100.1:53.
        byte[] data = Convert.FromHexString(Signature + "21" + "11" + "000c" + "c000020a" + "c6336401" + "9c40" + "0035" + "ffff");

        Assert.Equal(ProxyParseStatus.Done, ProxyHeader.TryParse(data, out ProxyHeader header, out string? error));
        Assert.Null(error);
        Assert.Equal(ProxyCommand.Proxy, header.Command);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.10"), 40000), header.Source);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.51.100.1"), 53), header.Destination);
        Assert.Equal(28, header.Length);
    }

    [Fact]
    public void TryParse_ProxyTcp6WithTlvs_TlvsSkipped()
    {
        var source = new IPEndPoint(IPAddress.Parse("2001:db8::7"), 5353);
        var destination = new IPEndPoint(IPAddress.Parse("2001:db8::53"), 53);
        byte[] tlv = Convert.FromHexString("0400020000" + "010003646e73"); // PP2_TYPE_NOOP, PP2_TYPE_ALPN "dns"
        byte[] data = [.. ProxyHeader.Create(source, destination, tlv), 0x00, 0x1d];

        Assert.Equal(ProxyParseStatus.Done, ProxyHeader.TryParse(data, out ProxyHeader header, out _));
        Assert.Equal(source, header.Source);
        Assert.Equal(destination, header.Destination);
        Assert.Equal(16 + 36 + tlv.Length, header.Length);
        Assert.Equal("21", Convert.ToHexStringLower(data.AsSpan(13, 1)));
    }

    [Fact]
    public void TryParse_Local_NoAddressesAndBlockIgnored()
    {
        byte[] data = Convert.FromHexString(Signature + "20" + "00" + "0003" + "010203");

        Assert.Equal(ProxyParseStatus.Done, ProxyHeader.TryParse(data, out ProxyHeader header, out _));
        Assert.Equal(ProxyCommand.Local, header.Command);
        Assert.Null(header.Source);
        Assert.Equal(19, header.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0d0a0d")]
    [InlineData(Signature)]
    [InlineData(Signature + "21")]
    [InlineData(Signature + "2111000c")]
    [InlineData(Signature + "2111000cc000020ac6336401")]
    public void TryParse_Prefix_NeedMore(string hex)
    {
        Assert.Equal(ProxyParseStatus.NeedMore, ProxyHeader.TryParse(Convert.FromHexString(hex), out _, out _));
    }

    [Theory]
    [InlineData("001c", "signature")]                                              // a plain DNS length prefix
    [InlineData("0d0a0d0b", "signature")]
    [InlineData("50524f5859205443503420", "signature")]                            // "PROXY TCP4 " (v1)
    [InlineData(Signature + "11", "version")]                                    // version 1 nibble
    [InlineData(Signature + "22", "version")]                                    // unknown command
    [InlineData(Signature + "2112000c", "TCP")]                                  // UDP over IPv4
    [InlineData(Signature + "21310000", "TCP")]                                  // UNIX stream
    [InlineData(Signature + "21000000", "TCP")]                                  // PROXY with UNSPEC
    [InlineData(Signature + "2111000b", "shorter")]                              // IPv4 block needs 12
    [InlineData(Signature + "21210020", "shorter")]                              // IPv6 block needs 36
    public void TryParse_NotAcceptable_Invalid(string hex, string reason)
    {
        Assert.Equal(ProxyParseStatus.Invalid, ProxyHeader.TryParse(Convert.FromHexString(hex), out _, out string? error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
