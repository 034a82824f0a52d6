using System.Collections.Concurrent;
using SplitDns.Forwarders.Tests.Fakes;
using SplitDns.Forwarders.Upstreams;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Wire;

namespace SplitDns.Forwarders.Tests.Upstreams;

/// <summary>DNS cookies toward upstreams (RFC 7873 client side) against a fake upstream that checks and returns them.</summary>
public class UpstreamCookieTests
{
    private static readonly byte[] s_serverCookie = Convert.FromHexString("a1a2a3a4a5a6a7a8b1b2b3b4b5b6b7b8");
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Resolver_CookiesOnByDefault_ClientCookieSentServerCookieLearnedAndEchoed()
    {
        var seen = new ConcurrentQueue<(string Client, string Server)>();
        await using FakeUpstream upstream = FakeUpstream.Start(q => CookieAnswer(q, seen));
        await using FakeUpstream other = FakeUpstream.Start(q => CookieAnswer(q, seen));
        await using var resolver = ForwardingResolver.Create(TestResolvers.Options(upstream.Udp));
        await using var second = ForwardingResolver.Create(TestResolvers.Options(other.Udp));

        Assert.Equal("192.0.2.1", (await resolver.Ask("c1.example.")).FirstA());
        Assert.Equal("192.0.2.1", (await resolver.Ask("c2.example.")).FirstA());
        await second.Ask("c3.example.");

        (string Client, string Server)[] cookies = [.. seen];
        Assert.Equal(16, cookies[0].Client.Length);
        Assert.Equal(string.Empty, cookies[0].Server);
        Assert.Equal(cookies[0].Client, cookies[1].Client);
        Assert.Equal(Convert.ToHexString(s_serverCookie), cookies[1].Server);
        Assert.NotEqual(cookies[0].Client, cookies[2].Client);
    }

    [Fact]
    public async Task TryExchange_WrongClientCookieFirst_DiscardedAsSpoofedAndGenuineAccepted()
    {
        await using FakeUpstream upstream = FakeUpstream.Start(q =>
        {
            q.Message.Edns!.TryGetCookie(out ReadOnlySpan<byte> client, out _);
            DnsMessage forged = Answers.A(q.Message, "203.0.113.66");
            forged.Edns!.Options.Add(DnsCookie.CreateOption(new byte[8], s_serverCookie));
            DnsMessage genuine = Answers.A(q.Message, "192.0.2.1");
            genuine.Edns!.Options.Add(DnsCookie.CreateOption(client, s_serverCookie));
            return FakeReply.Raw(forged.ToArray(), genuine.ToArray());
        });
        var spoofed = 0;
        await using UdpUpstreamTransport udp = UdpUpstreamTransportTests.Create(upstream, new UdpSocketPoolOptions(), cookies: true,
            onSpoofed: () => Interlocked.Increment(ref spoofed));

        UpstreamExchange result = await udp.TryExchangeAsync(UdpUpstreamTransportTests.Query("forged.example."), s_timeout, CancellationToken.None);

        Assert.Equal(UpstreamAttemptStatus.Answered, result.Status);
        Assert.Equal("192.0.2.1", DnsMessage.Parse(result.Wire!).Answers[0].Data.ToString());
        Assert.Equal(1, spoofed);
    }

    [Fact]
    public async Task TryExchange_BadCookie_RetriedOnceWithTheNewServerCookie()
    {
        var seen = new ConcurrentQueue<(string Client, string Server)>();
        await using FakeUpstream upstream = FakeUpstream.Start(q =>
        {
            q.Message.Edns!.TryGetCookie(out ReadOnlySpan<byte> client, out ReadOnlySpan<byte> server);
            bool known = server.SequenceEqual(s_serverCookie);
            seen.Enqueue((Convert.ToHexString(client), Convert.ToHexString(server)));
            DnsMessage reply = known ? Answers.A(q.Message, "192.0.2.1") : Answers.Response(q.Message, DnsRcode.NoError);
            reply.Rcode = known ? DnsRcode.NoError : DnsRcode.BadCookie;
            reply.Edns!.Options.Add(DnsCookie.CreateOption(client, s_serverCookie));
            return FakeReply.Answer(reply);
        });
        await using UdpUpstreamTransport udp = UdpUpstreamTransportTests.Create(upstream, new UdpSocketPoolOptions(), cookies: true);

        UpstreamExchange result = await udp.TryExchangeAsync(UdpUpstreamTransportTests.Query("bad.example."), s_timeout, CancellationToken.None);

        Assert.Equal(UpstreamAttemptStatus.Answered, result.Status);
        Assert.Equal(DnsRcode.NoError, DnsMessage.Parse(result.Wire!).Rcode);
        Assert.Equal(2, seen.Count);
        Assert.Equal(Convert.ToHexString(s_serverCookie), seen.Last().Server);
    }

    [Fact]
    public async Task TryExchange_ServerCookieKnownThenCookielessAnswers_DiscardedThenAcceptedOnceForgotten()
    {
        bool withCookie = true;
        await using FakeUpstream upstream = FakeUpstream.Start(q =>
        {
            q.Message.Edns!.TryGetCookie(out ReadOnlySpan<byte> client, out _);
            DnsMessage reply = Answers.A(q.Message, "192.0.2.1");
            if (withCookie)
            {
                reply.Edns!.Options.Add(DnsCookie.CreateOption(client, s_serverCookie));
            }

            // Several copies: each cookieless one after the first counts towards forgetting.
            byte[] wire = reply.ToArray();
            return FakeReply.Raw(wire, wire, wire, wire);
        });
        var spoofed = 0;
        await using UdpUpstreamTransport udp = UdpUpstreamTransportTests.Create(upstream, new UdpSocketPoolOptions(), cookies: true,
            onSpoofed: () => Interlocked.Increment(ref spoofed));
        await udp.TryExchangeAsync(UdpUpstreamTransportTests.Query("learn.example."), s_timeout, CancellationToken.None);
        Assert.Equal(s_serverCookie, udp.Cookies!.ServerCookie.ToArray());

        withCookie = false;
        UpstreamExchange result = await udp.TryExchangeAsync(UdpUpstreamTransportTests.Query("plain.example."), s_timeout, CancellationToken.None);

        Assert.Equal(UpstreamAttemptStatus.Answered, result.Status);
        Assert.True(udp.Cookies.ServerCookie.IsEmpty);
        Assert.True(Volatile.Read(ref spoofed) >= UpstreamCookieJar.MaxMissingBeforeForget);
    }

    [Fact]
    public async Task Resolver_CookiesOff_NoCookieOption()
    {
        await using FakeUpstream upstream = FakeUpstream.Start();
        ForwardersOptions options = TestResolvers.Options(upstream.Udp);
        options.Cookies = false;
        await using var resolver = ForwardingResolver.Create(options);

        await resolver.Ask("nocookie.example.");

        Assert.All(upstream.Received, q => Assert.Null(q.Message.Edns!.Find(EdnsOptionCode.Cookie)));
    }

    private static FakeReply CookieAnswer(FakeQuery q, ConcurrentQueue<(string Client, string Server)> seen)
    {
        Assert.True(q.Message.Edns!.TryGetCookie(out ReadOnlySpan<byte> client, out ReadOnlySpan<byte> server));
        seen.Enqueue((Convert.ToHexString(client), Convert.ToHexString(server)));
        DnsMessage reply = Answers.A(q.Message, "192.0.2.1");
        reply.Edns!.Options.Add(DnsCookie.CreateOption(client, s_serverCookie));
        return FakeReply.Answer(reply);
    }
}
