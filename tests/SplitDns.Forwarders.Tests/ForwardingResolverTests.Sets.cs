using SplitDns.Forwarders.Tests.Fakes;
using SplitDns.Forwarders.Upstreams;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Forwarders.Tests;

/// <summary>Forwarder sets for views: shared groups, and cache partitions per group.</summary>
public partial class ForwardingResolverTests
{
    [Fact]
    public async Task CreateSet_SameServers_SharesTheDefaultGroups()
    {
        await using FakeUpstream internet = FakeUpstream.Start(q => FakeReply.Answer(Answers.A(q.Message, "192.0.2.99")));
        await using FakeUpstream router = FakeUpstream.Start(q => FakeReply.Answer(Answers.A(q.Message, "192.0.2.50")));
        ForwardersOptions options = TestResolvers.Options(internet.Udp);
        options.Conditional.Add(new ConditionalForwarderOptions { Zone = DnsName.Parse("lan.example.com."), Servers = [router.Udp] });
        await using var resolver = ForwardingResolver.Create(options);

        ForwarderSet same = resolver.CreateSet([internet.Udp], UpstreamStrategy.Ordered, options.Conditional);
        ForwarderSet noLan = resolver.CreateSet([internet.Udp], UpstreamStrategy.Ordered, []);

        Assert.Same(resolver.Upstream, same.Upstream);
        Assert.Same(resolver.Conditional.Zones.Single().Upstreams, same.Conditional.Zones.Single().Upstreams);
        Assert.Same(resolver.Upstream, noLan.GroupFor(DnsName.Parse("printer.lan.example.com.")));
        Assert.False(noLan.IsEmpty);
        Assert.True(ForwarderSet.None.IsEmpty);
    }

    [Fact]
    public async Task ResolveAsync_TwoGroups_CachedApart()
    {
        await using FakeUpstream first = FakeUpstream.Start(q => FakeReply.Answer(Answers.A(q.Message, "192.0.2.1")));
        await using FakeUpstream second = FakeUpstream.Start(q => FakeReply.Answer(Answers.A(q.Message, "192.0.2.2")));
        await using var resolver = ForwardingResolver.Create(TestResolvers.Options(first.Udp));
        UpstreamGroup other = resolver.CreateSet([second.Udp], UpstreamStrategy.Ordered, []).Upstream!;
        Assert.NotEqual(resolver.Upstream!.Id, other.Id);
        var question = new DnsQuestion(DnsName.Parse("split.test."), RecordType.A);

        ForwardResult a = await resolver.ResolveAsync(resolver.Upstream!, question, false, false, default);
        ForwardResult b = await resolver.ResolveAsync(other, question, false, false, default);
        ForwardResult again = await resolver.ResolveAsync(other, question, false, false, default);

        Assert.Equal("192.0.2.1", a.FirstA());
        Assert.Equal("192.0.2.2", b.FirstA());
        Assert.Equal(ForwardSource.Cache, again.Source);
        Assert.Equal("192.0.2.2", again.FirstA());
        Assert.True(resolver.TryResolveFromCache(resolver.Upstream!, question, false, false, out ForwardResult cached));
        Assert.Equal("192.0.2.1", cached.FirstA());
        Assert.Equal(1, first.CountFor("split.test."));
        Assert.Equal(1, second.CountFor("split.test."));
    }
}
