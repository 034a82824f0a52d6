using SplitDns.Forwarders.Tests.Fakes;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Wire;

namespace SplitDns.Forwarders.Tests;

public partial class ForwardingResolverTests
{
    [Fact]
    public async Task Udp_TruncatedAnswer_RetriedOverTcpForFullAnswer()
    {
        await using FakeUpstream upstream = FakeUpstream.Start(q =>
        {
            if (q.Transport == "udp")
            {
                DnsMessage tc = Answers.Response(q.Message, DnsRcode.NoError);
                tc.Header.Truncated = true;
                return FakeReply.Answer(tc);
            }

            return FakeReply.Answer(Answers.ManyA(q.Message, 200));
        });
        await using var resolver = ForwardingResolver.Create(TestResolvers.Options(upstream.Udp));

        ForwardResult result = await resolver.Ask("big.example.");

        Assert.Equal(200, result.ToMessage().Answers.Count);
        Assert.Equal(["udp", "tcp"], upstream.Received.Select(q => q.Transport));
        Assert.NotEqual(upstream.Received.First().Message.Id, upstream.Received.Last().Message.Id);
    }

    [Fact]
    public async Task Tcp_ConcurrentQueries_PipelinedOnOneReusedConnection()
    {
        // Answers come back in reverse order of arrival: matching must go by ID.
        await using FakeUpstream upstream = FakeUpstream.Start(q =>
            FakeReply.Answer(Answers.A(q.Message, "192.0.2.1"), TimeSpan.FromMilliseconds(q.Name.StartsWith("t0", StringComparison.Ordinal) ? 200 : 20)));
        await using var resolver = ForwardingResolver.Create(TestResolvers.Options(upstream.Tcp));

        ForwardResult[] results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => resolver.Ask($"t{i}.example.").AsTask()));
        await resolver.Ask("later.example.");

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Equal(1, upstream.TcpConnections);
        Assert.Equal(11, upstream.Received.Count);
    }

    [Fact]
    public async Task EveryUpstreamQuery_HasFreshIdAndUdpSourcePort()
    {
        await using FakeUpstream upstream = FakeUpstream.Start();
        await using var resolver = ForwardingResolver.Create(TestResolvers.Options(upstream.Udp));

        for (int i = 0; i < 20; i++)
        {
            await resolver.Ask($"r{i}.example.");
        }

        Assert.True(upstream.Received.Select(q => q.Message.Id).Distinct().Count() >= 18);
        // 20 queries pick at random among 64 pooled sockets, each on its own random port (~17 distinct expected).
        Assert.True(upstream.Received.Select(q => q.SourcePort).Distinct().Count() >= 10);
        Assert.All(upstream.Received, q => Assert.True(q.Message.Header.RecursionDesired));
    }

    [Theory]
    [InlineData("wrong-id")]
    [InlineData("wrong-name")]
    [InlineData("wrong-type")]
    public async Task Udp_SpoofedAnswerFirst_IgnoredAndGenuineAccepted(string spoof)
    {
        await using FakeUpstream upstream = FakeUpstream.Start(q =>
        {
            DnsMessage fake = Answers.A(q.Message, "203.0.113.66");
            switch (spoof)
            {
                case "wrong-id":
                    fake.Id = (ushort)(q.Message.Id + 1);
                    break;
                case "wrong-name":
                    fake.Questions[0] = fake.Questions[0] with { Name = DnsName.Parse("evil.example.") };
                    break;
                default:
                    fake.Questions[0] = fake.Questions[0] with { Type = Protocol.Records.RecordType.MX };
                    break;
            }

            return FakeReply.Raw(fake.ToArray(), Answers.A(q.Message, "192.0.2.1").ToArray());
        });
        await using var resolver = ForwardingResolver.Create(TestResolvers.Options(upstream.Udp));

        ForwardResult result = await resolver.Ask("victim.example.");

        Assert.Equal("192.0.2.1", result.FirstA());
    }

    [Fact]
    public async Task Udp_OnlySpoofedAnswers_ServFail()
    {
        await using FakeUpstream upstream = FakeUpstream.Start(q =>
        {
            DnsMessage fake = Answers.A(q.Message, "203.0.113.66");
            fake.Id = (ushort)(q.Message.Id ^ 0x5555);
            return FakeReply.Raw(fake.ToArray());
        });
        await using var resolver = ForwardingResolver.Create(TestResolvers.Options(upstream.Udp));

        ForwardResult result = await resolver.Ask("victim.example.");

        Assert.Equal(DnsRcode.ServFail, result.Rcode);
        Assert.Equal(ExtendedDnsErrorCode.NoReachableAuthority, result.ExtendedError);
    }

    /// <summary>TLS handshakes are slow the first time in a fresh process (JIT): give them room.</summary>
    private static ForwardersOptions TlsOptions(SplitDns.Forwarders.Upstreams.UpstreamEndpoint endpoint)
    {
        ForwardersOptions options = TestResolvers.Options(endpoint);
        options.TryTimeout = TimeSpan.FromSeconds(5);
        options.Deadline = TimeSpan.FromSeconds(8);
        return options;
    }

    [Fact]
    public async Task DoT_ValidCertificateAndName_AnswersOverOneTlsConnection()
    {
        await using FakeUpstream upstream = FakeUpstream.Start(certificate: TestCertificates.Server);
        await using var resolver = ForwardingResolver.Create(TlsOptions(upstream.Tls("upstream.test")));

        ForwardResult first = await resolver.Ask("dot.example.");
        ForwardResult second = await resolver.Ask("dot2.example.");

        Assert.Equal("192.0.2.1", first.FirstA());
        Assert.True(second.Succeeded);
        Assert.All(upstream.Received, q => Assert.Equal("tls", q.Transport));
        Assert.Equal(1, upstream.TcpConnections);
    }

    [Fact]
    public async Task DoT_CertificateNameMismatch_Rejected()
    {
        await using FakeUpstream upstream = FakeUpstream.Start(certificate: TestCertificates.Server);
        await using var resolver = ForwardingResolver.Create(TlsOptions(upstream.Tls("other.test")));

        ForwardResult result = await resolver.Ask("dot.example.");

        Assert.Equal(DnsRcode.ServFail, result.Rcode);
        Assert.Empty(upstream.Received);
    }

    [Theory]
    [InlineData(false, "POST")]
    [InlineData(true, "GET")]
    public async Task DoH_EndToEnd_OverHttp2(bool useGet, string method)
    {
        await using FakeDohUpstream upstream = await FakeDohUpstream.StartAsync(TestCertificates.Server);
        await using var resolver = ForwardingResolver.Create(TlsOptions(upstream.Endpoint(useGet)));

        ForwardResult result = await resolver.Ask("doh.example.");

        Assert.Equal("192.0.2.1", result.FirstA());
        Assert.Equal($"{method} HTTP/2", Assert.Single(upstream.Requests));
        Assert.Equal(0, Assert.Single(upstream.Received).Message.Id);
    }
}
