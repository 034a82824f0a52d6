using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Protocol.Records;
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
        Assert.True(Counter(after, "splitdns_rrl_dropped_total") > Counter(before, "splitdns_rrl_dropped_total"), after);
        Assert.True(Counter(after, "splitdns_rrl_slipped_total") > Counter(before, "splitdns_rrl_slipped_total"), after);

        // The slipped client retries over TCP, which is never limited.
        DigResult tcp = DigResult.Parse(Dig.Run("dig", $"-6 @::1 -p {server.Port} +norec +time=2 +tries=1 +tcp host1.example A"));
        Assert.Equal("NOERROR", tcp.Status);
        Assert.Equal(["host1.example. 3600 IN A 192.0.2.1"], tcp.Answer);

        // Over UDP the account is still in debt: dropped or slipped, never answered in full.
        (int plainAnswered, int plainSlipped) = Burst(4);
        Assert.Equal(plainAnswered, plainSlipped);
    }

    /// <summary>Sends <paramref name="count"/> identical queries from ::1 at once, then reads replies for up to 3 s.</summary>
    private (int Answered, int Slipped) Burst(int count)
    {
        using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        socket.ReceiveBufferSize = 1 << 20;
        var target = new IPEndPoint(IPAddress.IPv6Loopback, server.Port);
        for (int i = 0; i < count; i++)
        {
            socket.SendTo(RawDns.Query("host1.example.", RecordType.A, (ushort)(i + 1)), target);
        }

        int answered = 0;
        int slipped = 0;
        byte[] buffer = new byte[1500];
        DateTime deadline = DateTime.UtcNow.AddSeconds(3);
        socket.ReceiveTimeout = 500;
        while (answered < count && DateTime.UtcNow < deadline)
        {
            try
            {
                int n = socket.Receive(buffer);
                answered++;
                if (n >= 12 && (buffer[2] & 0x02) != 0)
                {
                    slipped++;
                    Assert.Equal(0, buffer[7]); // a slipped reply carries no answer
                }
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.TimedOut)
            {
                break;
            }
        }

        return (answered, slipped);
    }

    private static double Counter(string scrape, string name)
    {
        Match m = Regex.Match(scrape, "^" + name + @"(?:\{\})? (\S+)$", RegexOptions.Multiline);
        Assert.True(m.Success, name + " missing:\n" + scrape);
        return double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
