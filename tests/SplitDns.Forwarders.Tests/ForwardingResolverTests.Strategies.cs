using SplitDns.Forwarders.Tests.Fakes;
using SplitDns.Forwarders.Upstreams;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Wire;

namespace SplitDns.Forwarders.Tests;

public partial class ForwardingResolverTests
{
    [Fact]
    public async Task Ordered_FirstSilent_SecondAnswersWithinDeadline()
    {
        await using FakeUpstream silent = FakeUpstream.Start(_ => FakeReply.Silence);
        await using FakeUpstream good = FakeUpstream.Start(q => FakeReply.Answer(Answers.A(q.Message, "192.0.2.2")));
        await using var resolver = ForwardingResolver.Create(TestResolvers.Options(silent.Udp, good.Udp));

        ForwardResult result = await resolver.Ask("www.example.com.");

        Assert.True(result.Succeeded);
        Assert.Equal("192.0.2.2", result.FirstA());
        Assert.Equal(1, silent.CountFor("www.example.com."));
        Assert.Equal(1, good.CountFor("www.example.com."));
    }

    [Fact]
    public async Task Ordered_FirstAnswersServFailOrRefused_FallsBackInOrder()
    {
        await using FakeUpstream servfail = FakeUpstream.Start(q => FakeReply.Answer(Answers.Rcode(q.Message, DnsRcode.ServFail)));
        await using FakeUpstream refused = FakeUpstream.Start(q => FakeReply.Answer(Answers.Rcode(q.Message, DnsRcode.Refused)));
        await using FakeUpstream good = FakeUpstream.Start(q => FakeReply.Answer(Answers.A(q.Message, "192.0.2.3")));
        ForwardersOptions options = TestResolvers.Options(servfail.Udp, refused.Udp, good.Udp);
        options.Health.FailuresBeforeDown = 3;
        await using var resolver = ForwardingResolver.Create(options);

        ForwardResult result = await resolver.Ask("a.example.com.");

        Assert.Equal("192.0.2.3", result.FirstA());
        Assert.Equal(1, servfail.CountFor("a.example.com."));
        Assert.Equal(1, refused.CountFor("a.example.com."));
    }

    [Fact]
    public async Task Ordered_DeadServer_SkippedUntilProbeSucceeds()
    {
        bool firstAlive = false;
        await using FakeUpstream first = FakeUpstream.Start(q => firstAlive ? FakeReply.Answer(Answers.A(q.Message, "192.0.2.1")) : FakeReply.Silence);
        await using FakeUpstream second = FakeUpstream.Start(q => FakeReply.Answer(Answers.A(q.Message, "192.0.2.2")));
        await using var resolver = ForwardingResolver.Create(TestResolvers.Options(first.Udp, second.Udp));
        UpstreamServer firstServer = resolver.Upstream!.Servers[0];

        Assert.Equal("192.0.2.2", (await resolver.Ask("one.example.")).FirstA());
        Assert.False(firstServer.IsUp);
        Assert.Equal("192.0.2.2", (await resolver.Ask("two.example.")).FirstA());
        Assert.Equal(0, first.CountFor("two.example."));

        firstAlive = true;
        Assert.True(await TestResolvers.EventuallyAsync(() => firstServer.IsUp));
        Assert.True(first.CountFor(".") >= 1);
        Assert.Equal("192.0.2.1", (await resolver.Ask("three.example.")).FirstA());
        Assert.Equal(0, second.CountFor("three.example."));
    }

    [Fact]
    public async Task AllSilent_ServFailWithNoReachableAuthorityGenericTextDetailLogged()
    {
        await using FakeUpstream a = FakeUpstream.Start(_ => FakeReply.Silence);
        await using FakeUpstream b = FakeUpstream.Start(_ => FakeReply.Silence);
        var logs = new RecordingLoggerFactory();
        await using var resolver = ForwardingResolver.Create(TestResolvers.Options(a.Udp, b.Tcp), logs);

        ForwardResult result = await resolver.Ask("nowhere.example.").AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(result.Succeeded);
        Assert.Equal(DnsRcode.ServFail, result.Rcode);
        Assert.Equal(ExtendedDnsErrorCode.NoReachableAuthority, result.ExtendedError);

        // Clients learn that no upstream answered, not which addresses we use or how they failed.
        Assert.Equal(ForwardingResolver.NoUpstreamAnsweredText, result.ExtendedErrorText);
        string allFailed = Assert.Single(logs.Lines, l => l.StartsWith("4106 ", StringComparison.Ordinal));
        Assert.Contains("timed out", allFailed, StringComparison.Ordinal);
        Assert.Contains(a.Udp.ToString(), allFailed, StringComparison.Ordinal);
        Assert.Equal(1, a.CountFor("nowhere.example."));
        Assert.Equal(1, b.CountFor("nowhere.example."));
    }

    [Fact]
    public async Task Parallel_FirstSilent_BothAskedAndSecondAnswers()
    {
        await using FakeUpstream silent = FakeUpstream.Start(_ => FakeReply.Silence);
        await using FakeUpstream good = FakeUpstream.Start(q => FakeReply.Answer(Answers.A(q.Message, "192.0.2.9")));
        await using FakeUpstream third = FakeUpstream.Start();
        ForwardersOptions options = TestResolvers.Options(silent.Udp, good.Udp, third.Udp);
        options.Strategy = UpstreamStrategy.Parallel;
        options.TryTimeout = TimeSpan.FromSeconds(5);
        options.Deadline = TimeSpan.FromSeconds(8);
        await using var resolver = ForwardingResolver.Create(options);

        ForwardResult result = await resolver.Ask("p.example.");

        Assert.Equal("192.0.2.9", result.FirstA());
        // Sent to both at once; the fake may read its copy just after the other answered.
        Assert.True(await TestResolvers.EventuallyAsync(() => silent.CountFor("p.example.") == 1), "the silent server was asked too");
        Assert.Equal(0, third.CountFor("p.example."));

        // The slow loser was cancelled, not blamed: it stays up.
        Assert.True(resolver.Upstream!.Servers[0].IsUp);
    }

    [Fact]
    public async Task Fastest_PrefersLowLatencyServerAndStillProbesOthers()
    {
        await using FakeUpstream slow = FakeUpstream.Start(q => FakeReply.Answer(Answers.A(q.Message, "192.0.2.1"), TimeSpan.FromMilliseconds(120)));
        await using FakeUpstream fast = FakeUpstream.Start(q => FakeReply.Answer(Answers.A(q.Message, "192.0.2.2")));
        ForwardersOptions options = TestResolvers.Options(slow.Udp, fast.Udp);
        options.Strategy = UpstreamStrategy.Fastest;
        options.Health.ExploreEvery = 5;
        options.Health.FailuresBeforeDown = 3; // a loaded machine may stall one reply past the try timeout
        options.TryTimeout = TimeSpan.FromSeconds(3);
        options.Deadline = TimeSpan.FromSeconds(6);
        options.Cache.Enabled = false;
        await using var resolver = ForwardingResolver.Create(options);

        // Both start unmeasured, so the first query measures one of them; from then on the fast
        // one answers, and one query in five is copied to the slow one so its RTT stays known.
        int fromFast = 0;
        for (int i = 0; i < 30; i++)
        {
            fromFast += (await resolver.Ask($"n{i}.example.")).FirstA() == "192.0.2.2" ? 1 : 0;
        }

        Assert.True(fromFast >= 27, $"fast server answered {fromFast} of 30");
        int slowAsked = slow.Received.Count(q => q.Name.StartsWith('n'));
        Assert.True(await TestResolvers.EventuallyAsync(() => slow.Received.Count(q => q.Name.StartsWith('n')) >= 5),
            $"slow server was asked {slowAsked} of 30 names; explore-every-5 copies one in five to it");
    }
}
