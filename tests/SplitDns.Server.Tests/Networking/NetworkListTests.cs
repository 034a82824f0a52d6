using System.Net;
using SplitDns.Server.Networking;

namespace SplitDns.Server.Tests.Networking;

public class NetworkListTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.255.1.2", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("192.168.1.128/25", "192.168.1.200", true)]
    [InlineData("192.168.1.128/25", "192.168.1.127", false)]
    [InlineData("203.0.113.7/32", "203.0.113.7", true)]
    [InlineData("203.0.113.7/32", "203.0.113.6", false)]
    [InlineData("0.0.0.0/0", "198.51.100.9", true)]
    [InlineData("0.0.0.0/0", "2001:db8::1", false)]
    [InlineData("10.0.0.0/8", "::ffff:10.1.2.3", true)]
    [InlineData("fd00::/8", "fd12:3456::1", true)]
    [InlineData("fd00::/8", "fe80::1", false)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::1", true)]
    [InlineData("2001:db8:0:0:8000::/65", "2001:db8::8000:0:0:1", true)]
    [InlineData("2001:db8:0:0:8000::/65", "2001:db8::7fff:0:0:1", false)]
    [InlineData("2001:db8::1/128", "2001:db8::1", true)]
    [InlineData("2001:db8::1/128", "2001:db8::2", false)]
    [InlineData("::/0", "2001:db8::2", true)]
    [InlineData("::/0", "192.0.2.1", false)]
    [InlineData("::ffff:0:0/96", "::ffff:10.1.2.3", false)] // mapped addresses are matched as IPv4
    public void Contains_MatchesPrefixBits(string network, string address, bool expected)
    {
        var list = new NetworkList([IPNetwork.Parse(network)]);
        IPAddress ip = IPAddress.Parse(address);

        Assert.Equal(expected, list.Contains(ip));
        Assert.Equal(expected, list.Contains(ip.GetAddressBytes()));
    }

    [Fact]
    public void IndexOf_FirstMatchingNetwork_AndBadLengthsMatchNothing()
    {
        var list = new NetworkList([IPNetwork.Parse("2001:db8::/32"), IPNetwork.Parse("10.1.0.0/16"), IPNetwork.Parse("10.0.0.0/8")]);

        Assert.Equal(1, list.IndexOf(IPAddress.Parse("10.1.2.3").GetAddressBytes()));
        Assert.Equal(2, list.IndexOf(IPAddress.Parse("10.2.2.3").GetAddressBytes()));
        Assert.Equal(0, list.IndexOf(IPAddress.Parse("2001:db8::5").GetAddressBytes()));
        Assert.Equal(-1, list.IndexOf([]));
        Assert.Equal(-1, list.IndexOf([10, 1, 2]));
        Assert.False(NetworkList.Empty.Contains(IPAddress.Loopback));
    }
}
