using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SplitDns.Protocol.Records;
using SplitDns.Server.RateLimiting;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Tests.RateLimiting;

/// <summary>
/// IPv6 clients share one account per /56 (RateLimit:IPv6PrefixLength, BIND's and Knot's
/// default): loopback has only ::1, so which addresses share an account is tested here, with
/// the clock stopped so no account refills.
/// </summary>
public partial class ResponseRateLimiterTests
{
    // "a.example. A IN" answered with one A record (AA, NOERROR).
    private const string Answer = "12348400000100010000" + "0000" + Question + "c00c000100010000003c0004c0000201";

    [Theory]
    [InlineData("2001:db8:0:1ff::2", true)]        // same /56, another /64
    [InlineData("2001:db8:0:1ff:ffff::9", true)]   // same /56
    [InlineData("2001:db8:0:200::1", false)]       // the next /56
    [InlineData("2001:db8:1:100::1", false)]
    public void Apply_IPv6_AccountIsThePer56Network(string other, bool sharesTheAccount)
    {
        using var meter = new Meter("test.rrl.ipv6");
        var limiter = new ResponseRateLimiter(
            new RateLimitSettings { Enabled = true, ResponsesPerSecond = 2, Slip = 2, Window = 60 },
            new RateLimitMetrics(meter), NullLogger<ResponseRateLimiter>.Instance, new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20000)));
        int full = Answer.Length / 2;

        // Flood from one address until its /56 account is limited (bounded: 20 responses).
        int sent = 0;
        while (sent < 20 && Send(limiter, "2001:db8:0:100::1") == full)
        {
            sent++;
        }

        Assert.InRange(sent, 1, 19);
        int otherLength = Send(limiter, other);
        Assert.Equal(sharesTheAccount, otherLength != full);
    }

    [Fact]
    public void Apply_IPv6_LimitedResponsesAreDroppedOrSlippedWithTc()
    {
        using var meter = new Meter("test.rrl.ipv6.slip");
        var limiter = new ResponseRateLimiter(
            new RateLimitSettings { Enabled = true, ResponsesPerSecond = 1, Slip = 2, Window = 60 },
            new RateLimitMetrics(meter), NullLogger<ResponseRateLimiter>.Instance, new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20000)));
        int truncated = 12 + (Question.Length / 2);
        var lengths = new List<int>();
        for (int i = 0; i < 8; i++)
        {
            lengths.Add(Send(limiter, "::1"));
        }

        Assert.Equal(Answer.Length / 2, lengths[0]);
        Assert.All(lengths.Skip(1), l => Assert.True(l == 0 || l == truncated, l.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains(0, lengths);
        Assert.Contains(truncated, lengths);
    }

    private static int Send(ResponseRateLimiter limiter, string client)
    {
        var ctx = new QueryContext { Transport = DnsTransport.Udp, QuestionType = RecordType.A };
        ctx.SetQuestionName(Convert.FromHexString("0161076578616d706c6500"));
        ctx.SetClient(new IPEndPoint(IPAddress.Parse(client), 5353).Serialize());
        byte[] response = Convert.FromHexString(Answer);
        return limiter.Apply(ctx, response, response.Length);
    }
}
