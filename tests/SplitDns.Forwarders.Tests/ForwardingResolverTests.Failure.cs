using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using SplitDns.Forwarders.Tests.Fakes;
using SplitDns.Forwarders.Tests.Upstreams;
using SplitDns.Forwarders.Upstreams;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Wire;

namespace SplitDns.Forwarders.Tests;

public partial class ForwardingResolverTests
{
    [Fact]
    public async Task AllUpstreamsDown_ShortCircuit_ServFailEde22WithoutTrying()
    {
        var closed = UdpUpstreamTransportTests.ClosedPort();
        ForwardersOptions options = TestResolvers.Options(new UpstreamEndpoint { Transport = UpstreamTransportKind.Udp, Address = closed.Address, Port = closed.Port });
        options.Health.ProbeInterval = TimeSpan.FromSeconds(30); // no probe and no retry slot within the test
        options.Health.MaxProbeInterval = TimeSpan.FromSeconds(30);
        await using var resolver = ForwardingResolver.Create(options);
        ConcurrentDictionary<string, long> totals = Listen(resolver);

        ForwardResult first = await resolver.Ask("first.example.");
        ForwardResult[] rest = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => resolver.Ask($"sc{i}.example.").AsTask()));

        Assert.False(resolver.Upstream!.Servers[0].IsUp);
        Assert.All(rest.Append(first), r =>
        {
            Assert.Equal(DnsRcode.ServFail, r.Rcode);
            Assert.Equal(ExtendedDnsErrorCode.NoReachableAuthority, r.ExtendedError);
        });
        Assert.Equal(1, totals.GetValueOrDefault("splitdns.forwarders.upstream.queries"));
        Assert.Equal(1, totals.GetValueOrDefault("splitdns.forwarders.upstream.errors"));
        Assert.Equal(20, totals.GetValueOrDefault("splitdns.forwarders.upstream.short_circuited"));
    }

    [Fact]
    public async Task AllUpstreamsDown_ShortCircuit_ServesStaleFromCache()
    {
        var clock = new TestClock();
        bool alive = true;
        await using FakeUpstream upstream = FakeUpstream.Start(q => alive ? FakeReply.Answer(Answers.A(q.Message, "192.0.2.7", ttl: 60)) : FakeReply.Silence);
        ForwardersOptions options = TestResolvers.Options(upstream.Udp);
        options.TryTimeout = TimeSpan.FromMilliseconds(300);
        options.Health.ProbeInterval = TimeSpan.FromSeconds(30);
        options.Health.MaxProbeInterval = TimeSpan.FromSeconds(30);
        await using var resolver = ForwardingResolver.Create(options, clockMs: clock.Func);
        await resolver.Ask("kept.example.");
        alive = false;
        clock.Advance(TimeSpan.FromSeconds(120));
        await resolver.Ask("marks-down.example.");
        Assert.False(resolver.Upstream!.Servers[0].IsUp);

        ForwardResult stale = await resolver.Ask("kept.example.");

        Assert.Equal(ForwardSource.Stale, stale.Source);
        Assert.Equal("192.0.2.7", stale.FirstA());
        Assert.Equal(1, upstream.CountFor("kept.example."));
    }

    [Fact]
    public async Task StaleClientTimer_SlowUpstream_StaleAnswerFirstThenCacheRefreshed()
    {
        var clock = new TestClock();
        var delay = TimeSpan.Zero;
        string address = "192.0.2.7";
        await using FakeUpstream upstream = FakeUpstream.Start(q => FakeReply.Answer(Answers.A(q.Message, address, ttl: 60), delay));
        ForwardersOptions options = TestResolvers.Options(upstream.Udp);
        options.TryTimeout = TimeSpan.FromSeconds(5);
        options.Deadline = TimeSpan.FromSeconds(6);
        options.Cache.StaleClientTimeout = TimeSpan.FromMilliseconds(200);
        await using var resolver = ForwardingResolver.Create(options, clockMs: clock.Func);
        await resolver.Ask("slow.example.");
        delay = TimeSpan.FromMilliseconds(1500);
        address = "192.0.2.8";
        clock.Advance(TimeSpan.FromSeconds(120));

        ForwardResult stale = await resolver.Ask("slow.example.");

        Assert.Equal(ForwardSource.Stale, stale.Source);
        Assert.Equal(ExtendedDnsErrorCode.StaleAnswer, stale.ExtendedError);
        Assert.Equal(ForwardingResolver.StaleSlowUpstreamText, stale.ExtendedErrorText);
        Assert.Equal("192.0.2.7", stale.FirstA());
        Assert.Equal(30u, stale.ToMessage().Answers[0].Ttl);
        Assert.True(await TestResolvers.EventuallyAsync(() =>
            resolver.TryResolveFromCache(TestResolvers.Q("slow.example."), false, false, out ForwardResult fresh) && fresh.FirstA() == "192.0.2.8", 10));
        Assert.True(resolver.Upstream!.Servers[0].IsUp);
    }

    /// <summary>Sums this resolver's counters by instrument name.</summary>
    internal static ConcurrentDictionary<string, long> Listen(ForwardingResolver resolver)
    {
        var totals = new ConcurrentDictionary<string, long>();
        var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) =>
        {
            if (ReferenceEquals(i.Meter, resolver.Metrics.Meter))
            {
                l.EnableMeasurementEvents(i);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, _, _) => totals.AddOrUpdate(i.Name, v, (_, old) => old + v));
        listener.Start();
        return totals;
    }
}
