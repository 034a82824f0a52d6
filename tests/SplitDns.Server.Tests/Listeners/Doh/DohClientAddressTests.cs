using System.Net;
using Microsoft.Extensions.Primitives;
using SplitDns.Server.Listeners.Doh;
using SplitDns.Server.Networking;

namespace SplitDns.Server.Tests.Listeners.Doh;

/// <summary>Who the client of a DoH request is: the peer, or the right-most untrusted X-Forwarded-For hop behind trusted proxies.</summary>
public class DohClientAddressTests
{
    private static readonly NetworkList s_trusted = new([IPNetwork.Parse("10.42.0.0/16"), IPNetwork.Parse("fd00::/64")]);

    private static string Resolve(string peer, params string[] headers) =>
        DohClientAddress.Resolve(IPAddress.Parse(peer), new StringValues(headers), s_trusted).ToString();

    [Theory]
    [InlineData("192.0.2.7", "198.51.100.1", "192.0.2.7")]                      // untrusted peer: header ignored
    [InlineData("10.42.1.5", "198.51.100.1", "198.51.100.1")]                   // gateway
    [InlineData("10.42.1.5", "203.0.113.9, 198.51.100.1", "198.51.100.1")]      // a client-written entry on the left loses
    [InlineData("10.42.1.5", "203.0.113.9, 198.51.100.1, 10.42.7.7", "198.51.100.1")] // two trusted hops
    [InlineData("10.42.1.5", "10.42.9.9, 10.42.7.7", "10.42.9.9")]              // only trusted hops: the left-most
    [InlineData("10.42.1.5", "198.51.100.1:41000", "198.51.100.1")]             // Envoy's address:port form
    [InlineData("10.42.1.5", "[2001:db8::1]:41000", "2001:db8::1")]
    [InlineData("10.42.1.5", "2001:db8::1", "2001:db8::1")]
    [InlineData("10.42.1.5", "198.51.100.1, garbage", "10.42.1.5")]             // garbage: stop at the hop to its right
    [InlineData("10.42.1.5", "198.51.100.1, garbage, 10.42.7.7", "10.42.7.7")]
    [InlineData("10.42.1.5", " , ", "10.42.1.5")]
    [InlineData("::ffff:10.42.1.5", "198.51.100.1", "198.51.100.1")]           // mapped peer counts as IPv4
    [InlineData("fd00::5", "198.51.100.1", "198.51.100.1")]
    public void Resolve_Chain_ClientIsRightMostUntrusted(string peer, string header, string expected) =>
        Assert.Equal(expected, Resolve(peer, header));

    [Fact]
    public void Resolve_SeveralHeaders_OneListInOrder() =>
        Assert.Equal("198.51.100.1", Resolve("10.42.1.5", "203.0.113.9", "198.51.100.1, 10.42.7.7"));

    [Fact]
    public void Resolve_NoHeader_Peer() => Assert.Equal("10.42.1.5", Resolve("10.42.1.5"));

    [Fact]
    public void Resolve_NoTrustedProxies_PeerAlways() =>
        Assert.Equal("10.42.1.5", DohClientAddress.Resolve(IPAddress.Parse("10.42.1.5"), "198.51.100.1", NetworkList.Empty).ToString());
}
