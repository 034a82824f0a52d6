using System.Net;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Tests.Resolution;

/// <summary>The ACL's byte-prefix matching agrees with <see cref="IPNetwork.Contains"/>, from an address or a socket address.</summary>
public class RecursionAclTests
{
    private static readonly RecursionAcl s_acl = new(new[] {"10.0.0.0/8", "172.16.0.0/12", "100.64.0.0/10", "192.0.2.7/32",
        "fc00::/7", "2001:db8:abcd::/45", "::1/128" }.Select(n => IPNetwork.Parse(n)));

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("11.0.0.1", false)]
    [InlineData("172.31.255.255", true)]
    [InlineData("172.32.0.0", false)]
    [InlineData("100.127.0.1", true)]
    [InlineData("100.128.0.1", false)]
    [InlineData("192.0.2.7", true)]
    [InlineData("192.0.2.8", false)]
    [InlineData("fd12::1", true)]
    [InlineData("fe00::1", false)]
    [InlineData("2001:db8:abcf:ffff::1", true)]
    [InlineData("2001:db8:abd0::1", false)]
    [InlineData("::1", true)]
    [InlineData("::2", false)]
    [InlineData("::ffff:10.9.9.9", true)]
    [InlineData("::ffff:203.0.113.1", false)]
    public void Allows_AddressAndSocketAddress_SameAnswer(string address, bool expected)
    {
        IPAddress ip = IPAddress.Parse(address);

        Assert.Equal(expected, s_acl.Allows(ip));
        Assert.Equal(expected, s_acl.Allows(new IPEndPoint(ip, 53).Serialize()));
    }

    [Fact]
    public void Allows_RandomAddresses_AgreesWithIPNetworkContains()
    {
        var random = new Random(20261121);
        byte[] v4 = new byte[4];
        byte[] v6 = new byte[16];
        for (int i = 0; i < 5000; i++)
        {
            random.NextBytes(v4);
            random.NextBytes(v6);

            // Bias toward the listed networks so both outcomes are exercised.
            v4[0] = (byte)(i % 3 == 0 ? 10 : i % 3 == 1 ? 172 : v4[0]);
            v6[0] = (byte)(i % 2 == 0 ? 0xFD : v6[0]);
            foreach (IPAddress ip in new[] { new IPAddress(v4), new IPAddress(v6) })
            {
                bool expected = s_acl.Networks.Any(n => n.Contains(ip));
                Assert.Equal(expected, s_acl.Allows(ip));
                Assert.Equal(expected, s_acl.Allows(new IPEndPoint(ip, 5353).Serialize()));
            }
        }
    }
}
