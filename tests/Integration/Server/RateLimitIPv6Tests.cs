using System.Net;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Server.Metrics;

namespace SplitDns.Integration.Tests.Server;

/// <summary>
/// Response rate limiting for IPv6 clients over real sockets on ::1 (the only IPv6 loopback
/// address, so one /56 account): a burst is partly dropped and partly slipped (TC=1, no answer),
/// TCP over ::1 is still answered. Which addresses share a /56 account is tested in process
/// (ResponseRateLimiterTests.Apply_IPv6_*): loopback offers no second IPv6 source.
/// </summary>
public sealed class RateLimitIPv6Tests(RateLimitIPv6ServerFixture server) : IClassFixture<RateLimitIPv6ServerFixture>
{
    [Fact]
    public void Burst_FromIPv6Loopback_DropsAndSlipsButTcpIsAnswered()
    {
        string before = server.Get<PrometheusExporter>().Scrape();

        (int answered, int slipped) = Burst(200);

        Assert.True(answered < 200, $"answered {answered} of 200");
        Assert.True(slipped > 0, "no TC=1 slipped response");
        Assert.True(answered - slipped > 0, "nothing answered before the limit");
        string after = server.Get<PrometheusExporter>().Scrape();
        Assert.True(UdpBurst.Counter(after, "splitdns_rrl_dropped_total") > UdpBurst.Counter(before, "splitdns_rrl_dropped_total"), after);
        Assert.True(UdpBurst.Counter(after, "splitdns_rrl_slipped_total") > UdpBurst.Counter(before, "splitdns_rrl_slipped_total"), after);

        // The slipped client retries over TCP, which is never limited.
        DigResult tcp = DigResult.Parse(Dig.Run("dig", $"-6 @::1 -p {server.Port} +norec +time=2 +tries=1 +tcp host1.example A"));
        Assert.Equal("NOERROR", tcp.Status);
        Assert.Equal(["host1.example. 3600 IN A 192.0.2.1"], tcp.Answer);

        // Over UDP the account is still in debt: dropped or slipped, never answered in full.
        (int plainAnswered, int plainSlipped) = Burst(4);
        Assert.Equal(plainAnswered, plainSlipped);
    }

    private (int Answered, int Slipped) Burst(int count) =>
        UdpBurst.Send(IPAddress.IPv6Loopback, new IPEndPoint(IPAddress.IPv6Loopback, server.Port), count);
}
