using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Protocol.Records;
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

    [Fact]
    public void Burst_FromOneNetwork_DropsAndSlipsButOthersAreAnswered()
    {
        (int answered, int slipped) = Burst(s_flooder, 200);

        Assert.True(answered < 200, $"answered {answered} of 200");
        Assert.True(slipped > 0, "no TC=1 slipped response");
        Assert.True(answered - slipped > 0, "nothing answered before the limit");
        string scrape = server.Get<PrometheusExporter>().Scrape();
        Assert.True(Counter(scrape, "splitdns_rrl_dropped_total") > 0, scrape);
        Assert.True(Counter(scrape, "splitdns_rrl_slipped_total") > 0, scrape);

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
        (int plainAnswered, int plainSlipped) = Burst(s_flooder, 4);
        Assert.Equal(plainAnswered, plainSlipped);
    }

    /// <summary>Sends <paramref name="count"/> identical queries at once, then reads replies for up to 3 s.</summary>
    private (int Answered, int Slipped) Burst(IPAddress source, int count)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(source, 0));
        socket.ReceiveBufferSize = 1 << 20;
        var target = new IPEndPoint(server.Address, server.Port);
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

    private static string CookieOf(string digOutput)
    {
        Match m = CookieRegex().Match(digOutput);
        Assert.True(m.Success, digOutput);
        return m.Groups[1].Value;
    }

    private static double Counter(string scrape, string name)
    {
        Match m = Regex.Match(scrape, "^" + name + @"(?:\{\})? (\S+)$", RegexOptions.Multiline);
        Assert.True(m.Success, name + " missing:\n" + scrape);
        return double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"COOKIE: ([0-9a-f]{48})")]
    private static partial Regex CookieRegex();
}
