using SplitDns.Forwarders.Tests.Fakes;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Forwarders.Tests;

public partial class ForwardingResolverTests
{
    [Fact]
    public async Task Cache_RepeatedQuery_NotSentUpstreamAndTtlCountsDown()
    {
        var clock = new TestClock();
        await using FakeUpstream upstream = FakeUpstream.Start(q => FakeReply.Answer(Answers.A(q.Message, "192.0.2.1", ttl: 300)));
        await using var resolver = ForwardingResolver.Create(TestResolvers.Options(upstream.Udp), clockMs: clock.Func);

        ForwardResult first = await resolver.Ask("cached.example.");
        clock.Advance(TimeSpan.FromSeconds(100));
        ForwardResult second = await resolver.Ask("CACHED.example.");

        Assert.Equal(ForwardSource.Upstream, first.Source);
        Assert.Equal(ForwardSource.Cache, second.Source);
        Assert.Equal(1, upstream.CountFor("cached.example."));
        Assert.Equal(300u, first.ToMessage().Answers[0].Ttl);
        Assert.Equal(200u, second.ToMessage().Answers[0].Ttl);
    }

    [Fact]
    public async Task TryResolveFromCache_MissThenFreshThenExpired_NeverSentUpstream()
    {
        var clock = new TestClock();
        await using FakeUpstream upstream = FakeUpstream.Start(q => FakeReply.Answer(Answers.A(q.Message, "192.0.2.1", ttl: 60)));
        await using var resolver = ForwardingResolver.Create(TestResolvers.Options(upstream.Udp), clockMs: clock.Func);

        bool before = resolver.TryResolveFromCache(TestResolvers.Q("norec.example."), false, false, out _);
        await resolver.Ask("norec.example.");
        bool fresh = resolver.TryResolveFromCache(TestResolvers.Q("NOREC.example."), false, false, out ForwardResult hit);
        clock.Advance(TimeSpan.FromSeconds(61));
        bool expired = resolver.TryResolveFromCache(TestResolvers.Q("norec.example."), false, false, out _);

        Assert.False(before);
        Assert.True(fresh);
        Assert.Equal(ForwardSource.Cache, hit.Source);
        Assert.Equal("192.0.2.1", hit.FirstA());

        // Stale entries are for failing upstreams (RFC 8767), and none was asked.
        Assert.False(expired);
        Assert.Equal(1, upstream.CountFor("norec.example."));
    }

    [Fact]
    public async Task Cache_HitWritesClientIdRdAndQuestionCase()
    {
        await using FakeUpstream upstream = FakeUpstream.Start();
        await using var resolver = ForwardingResolver.Create(TestResolvers.Options(upstream.Udp));
        await resolver.Ask("mixed.example.");

        ForwardResult hit = await resolver.Ask("MiXeD.example.");
        byte[] buffer = new byte[512];
        int length = hit.WriteTo(buffer, 0xBEEF, Protocol.Names.DnsName.Parse("MiXeD.example.").Wire, recursionDesired: true);
        var message = DnsMessage.Parse(buffer.AsSpan(0, length));

        Assert.Equal(0xBEEF, message.Id);
        Assert.True(message.Header.IsResponse && message.Header.RecursionDesired && message.Header.RecursionAvailable);
        Assert.False(message.Header.AuthoritativeAnswer);
        Assert.True(message.Questions[0].Name.EqualsExact(Protocol.Names.DnsName.Parse("MiXeD.example.")));
        Assert.Null(message.Edns);
    }

    [Fact]
    public async Task Cache_DnssecOkAndCheckingDisabled_AreSeparateKeys()
    {
        await using FakeUpstream upstream = FakeUpstream.Start();
        await using var resolver = ForwardingResolver.Create(TestResolvers.Options(upstream.Udp));

        await resolver.Ask("k.example.");
        await resolver.Ask("k.example.", dnssecOk: true);
        await resolver.Ask("k.example.", checkingDisabled: true);
        await resolver.Ask("k.example.", dnssecOk: true);

        Assert.Equal(3, upstream.CountFor("k.example."));
        Assert.Contains(upstream.Received, q => q.Message.Edns!.DnssecOk);
        Assert.Contains(upstream.Received, q => q.Message.Header.CheckingDisabled);
    }

    [Theory]
    [InlineData(DnsRcode.NxDomain)]
    [InlineData(DnsRcode.NoError)]
    public async Task Cache_NegativeAnswer_CachedForSoaMinimum(DnsRcode rcode)
    {
        var clock = new TestClock();
        await using FakeUpstream upstream = FakeUpstream.Start(q => FakeReply.Answer(Answers.Negative(q.Message, rcode, soaTtl: 3600, minimum: 60)));
        await using var resolver = ForwardingResolver.Create(TestResolvers.Options(upstream.Udp), clockMs: clock.Func);

        ForwardResult first = await resolver.Ask("neg.example.");
        clock.Advance(TimeSpan.FromSeconds(59));
        ForwardResult second = await resolver.Ask("neg.example.");
        clock.Advance(TimeSpan.FromSeconds(2));
        await resolver.Ask("neg.example.");

        Assert.Equal(rcode, first.Rcode);
        Assert.Equal(ForwardSource.Cache, second.Source);
        Assert.Equal(rcode, second.Rcode);
        Assert.Empty(second.ToMessage().Answers);
        Assert.Equal(60u, first.ToMessage().Authority[0].Ttl);
        Assert.Equal(1u, second.ToMessage().Authority[0].Ttl);
        Assert.Equal(2, upstream.CountFor("neg.example."));
    }

    [Fact]
    public async Task Cache_TtlClamps_RaiseAndLowerTtls()
    {
        await using FakeUpstream upstream = FakeUpstream.Start(q =>
            FakeReply.Answer(Answers.A(q.Message, "192.0.2.1", ttl: q.Name.StartsWith("low", StringComparison.Ordinal) ? 5u : 999_999u)));
        ForwardersOptions options = TestResolvers.Options(upstream.Udp);
        options.Cache.MinTtl = 30;
        options.Cache.MaxTtl = 3600;
        await using var resolver = ForwardingResolver.Create(options);

        Assert.Equal(30u, (await resolver.Ask("low.example.")).ToMessage().Answers[0].Ttl);
        Assert.Equal(3600u, (await resolver.Ask("high.example.")).ToMessage().Answers[0].Ttl);
    }

    [Fact]
    public async Task ServeStale_UpstreamsDead_StaleAnswerWithEde3AndTtl30()
    {
        var clock = new TestClock();
        bool alive = true;
        await using FakeUpstream upstream = FakeUpstream.Start(q => alive ? FakeReply.Answer(Answers.A(q.Message, "192.0.2.7", ttl: 60)) : FakeReply.Silence);
        await using var resolver = ForwardingResolver.Create(TestResolvers.Options(upstream.Udp), clockMs: clock.Func);
        await resolver.Ask("stale.example.");

        alive = false;
        clock.Advance(TimeSpan.FromSeconds(120));
        ForwardResult result = await resolver.Ask("stale.example.");

        Assert.Equal(ForwardSource.Stale, result.Source);
        Assert.Equal(ExtendedDnsErrorCode.StaleAnswer, result.ExtendedError);
        Assert.Equal("192.0.2.7", result.FirstA());
        Assert.Equal(30u, result.ToMessage().Answers[0].Ttl);
        Assert.Equal(2, upstream.CountFor("stale.example."));
    }

    [Fact]
    public async Task Coalescing_100ConcurrentIdenticalMisses_OneUpstreamQuery()
    {
        await using FakeUpstream upstream = FakeUpstream.Start(q => FakeReply.Answer(Answers.A(q.Message, "192.0.2.1"), TimeSpan.FromMilliseconds(150)));
        await using var resolver = ForwardingResolver.Create(TestResolvers.Options(upstream.Udp));

        Task<ForwardResult>[] all = [.. Enumerable.Range(0, 100).Select(_ => resolver.Ask("same.example.").AsTask())];
        ForwardResult[] results = await Task.WhenAll(all);

        Assert.All(results, r => Assert.Equal("192.0.2.1", r.FirstA()));
        Assert.Equal(1, upstream.CountFor("same.example."));
    }

    [Fact]
    public async Task Prefetch_PopularEntry_RefreshedBeforeExpiry()
    {
        var clock = new TestClock();
        int served = 0;
        await using FakeUpstream upstream = FakeUpstream.Start(q =>
            FakeReply.Answer(Answers.A(q.Message, Interlocked.Increment(ref served) == 1 ? "192.0.2.1" : "192.0.2.2", ttl: 100)));
        ForwardersOptions options = TestResolvers.Options(upstream.Udp);
        options.Cache.PrefetchMinHits = 2;
        await using var resolver = ForwardingResolver.Create(options, clockMs: clock.Func);
        await resolver.Ask("hot.example.");
        await resolver.Ask("hot.example.");

        clock.Advance(TimeSpan.FromSeconds(95));
        ForwardResult beforeRefresh = await resolver.Ask("hot.example.");
        Assert.True(await TestResolvers.EventuallyAsync(() => upstream.CountFor("hot.example.") == 2));
        Assert.True(await TestResolvers.EventuallyAsync(() => resolver.Ask("hot.example.").AsTask().Result.FirstA() == "192.0.2.2"));

        Assert.Equal(ForwardSource.Cache, beforeRefresh.Source);
        Assert.Equal(5u, beforeRefresh.ToMessage().Answers[0].Ttl);
    }

    [Fact]
    public async Task Cache_FloodOfUniqueNames_StaysWithinBounds()
    {
        await using FakeUpstream upstream = FakeUpstream.Start();
        ForwardersOptions options = TestResolvers.Options(upstream.Udp);
        options.Cache.MaxEntries = 50;
        options.Cache.MaxBytes = 20_000;
        await using var resolver = ForwardingResolver.Create(options);

        for (int batch = 0; batch < 10; batch++)
        {
            await Task.WhenAll(Enumerable.Range(0, 40).Select(i => resolver.Ask($"flood{batch}-{i}.example.").AsTask()));
            Assert.True(resolver.Cache.Count <= 50, $"{resolver.Cache.Count} entries");
            Assert.True(resolver.Cache.Bytes <= 20_000, $"{resolver.Cache.Bytes} bytes");
        }

        Assert.True(resolver.Cache.Count > 0);
    }

    [Fact]
    public async Task Flush_ByNameAndAll_NextQueryGoesUpstream()
    {
        await using FakeUpstream upstream = FakeUpstream.Start();
        await using var resolver = ForwardingResolver.Create(TestResolvers.Options(upstream.Udp));
        await resolver.Ask("f1.example.");
        await resolver.Ask("f1.example.", RecordType.AAAA);
        await resolver.Ask("f2.example.");

        Assert.Equal(2, resolver.Cache.Flush(Protocol.Names.DnsName.Parse("F1.example.")));
        await resolver.Ask("f1.example.");
        await resolver.Ask("f2.example.");
        resolver.Cache.FlushAll();
        await resolver.Ask("f2.example.");

        Assert.Equal(3, upstream.CountFor("f1.example."));
        Assert.Equal(2, upstream.CountFor("f2.example."));
        Assert.Equal(1, resolver.Cache.Count);
    }
}
