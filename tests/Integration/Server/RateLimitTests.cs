using System.Net;
using System.Text.RegularExpressions;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Server.Metrics;

namespace SplitDns.Integration.Tests.Server;

/// <summary>
/// Response rate limiting end to end over real sockets: a burst from one /24 is partly dropped
/// and partly slipped (TC=1), while another /24, TCP and a client with a valid server cookie
/// are still answered. Client sources are 127.0.x.1 addresses (loopback: the whole /8 is local).
/// </summary>
public sealed partial class RateLimitTests(RateLimitServerFixture server) : IClassFixture<RateLimitServerFixture>
{
    private static readonly IPAddress s_flooder = IPAddress.Parse("127.0.91.1");
    private static readonly IPAddress s_neighbour = IPAddress.Parse("127.0.92.1");

    private IPEndPoint Target => new(server.Address, server.Port);

    [Fact]
    public void Burst_FromOneNetwork_DropsAndSlipsButOthersAreAnswered()
    {
        (int answered, int slipped) = UdpBurst.Send(s_flooder, Target, 200);

        Assert.True(answered < 200, $"answered {answered} of 200");
        Assert.True(slipped > 0, "no TC=1 slipped response");
        Assert.True(answered - slipped > 0, "nothing answered before the limit");
        string scrape = server.Get<PrometheusExporter>().Scrape();
        Assert.True(UdpBurst.Counter(scrape, "splitdns_rrl_dropped_total") > 0, scrape);
        Assert.True(UdpBurst.Counter(scrape, "splitdns_rrl_slipped_total") > 0, scrape);

        // Another /24 has its own account.
        DigResult other = server.Dig.Query($"-b {s_neighbour} +ignore host1.example A");
        Assert.Equal("NOERROR", other.Status);
        Assert.False(other.Has("tc"));
        Assert.Equal(["host1.example. 3600 IN A 192.0.2.1"], other.Answer);

        // TCP is never limited.
        DigResult tcp = server.Dig.Query($"-b {s_flooder} host1.example A", tcp: true);
        Assert.Equal(["host1.example. 3600 IN A 192.0.2.1"], tcp.Answer);

        // A valid server cookie (learnt over TCP) proves the source address: not limited.
        string cookie = CookieOf(server.Dig.Query($"-b {s_flooder} +cookie host1.example A", tcp: true).Output);
        for (int i = 0; i < 3; i++)
        {
            DigResult withCookie = server.Dig.Query($"-b {s_flooder} +ignore +cookie={cookie} host1.example A");
            Assert.Equal("NOERROR", withCookie.Status);
            Assert.False(withCookie.Has("tc"));
            Assert.Equal(["host1.example. 3600 IN A 192.0.2.1"], withCookie.Answer);
        }

        // Without it the flooder is still limited (dropped, or slipped with no answer).
        (int plainAnswered, int plainSlipped) = UdpBurst.Send(s_flooder, Target, 4);
        Assert.Equal(plainAnswered, plainSlipped);
    }

    private static string CookieOf(string digOutput)
    {
        Match m = CookieRegex().Match(digOutput);
        Assert.True(m.Success, digOutput);
        return m.Groups[1].Value;
    }

    [GeneratedRegex(@"COOKIE: ([0-9a-f]{48})")]
    private static partial Regex CookieRegex();
}
