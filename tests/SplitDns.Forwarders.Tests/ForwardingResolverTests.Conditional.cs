using SplitDns.Forwarders.Tests.Fakes;
using SplitDns.Protocol.Names;

namespace SplitDns.Forwarders.Tests;

public partial class ForwardingResolverTests
{
    [Fact]
    public async Task Conditional_ZoneNames_ReachOnlyTheConditionalUpstream()
    {
        await using FakeUpstream router = FakeUpstream.Start(q => FakeReply.Answer(Answers.A(q.Message, "192.0.2.50")));
        await using FakeUpstream internet = FakeUpstream.Start(q => FakeReply.Answer(Answers.A(q.Message, "192.0.2.99")));
        ForwardersOptions options = TestResolvers.Options(internet.Udp);
        options.Conditional.Add(new ConditionalForwarderOptions { Zone = DnsName.Parse("lan.example.com."), Servers = [router.Udp] });
        await using var resolver = ForwardingResolver.Create(options);

        Assert.Equal("192.0.2.50", (await resolver.Ask("printer.LAN.example.com.")).FirstA());
        Assert.Equal("192.0.2.50", (await resolver.Ask("lan.example.com.")).FirstA());
        Assert.Equal("192.0.2.99", (await resolver.Ask("www.example.com.")).FirstA());
        Assert.Equal("192.0.2.99", (await resolver.Ask("xlan.example.com.")).FirstA());

        Assert.Equal(2, router.Received.Count);
        Assert.Equal(0, internet.CountFor("printer.lan.example.com."));
        Assert.Equal(0, router.CountFor("www.example.com."));
    }

    [Fact]
    public async Task Conditional_NestedZones_DeepestForwarderWins()
    {
        await using FakeUpstream outer = FakeUpstream.Start(q => FakeReply.Answer(Answers.A(q.Message, "192.0.2.1")));
        await using FakeUpstream inner = FakeUpstream.Start(q => FakeReply.Answer(Answers.A(q.Message, "192.0.2.2")));
        ForwardersOptions options = TestResolvers.Options();
        options.Conditional.Add(new ConditionalForwarderOptions { Zone = DnsName.Parse("example.com."), Servers = [outer.Udp] });
        options.Conditional.Add(new ConditionalForwarderOptions { Zone = DnsName.Parse("lan.example.com."), Servers = [inner.Udp] });
        await using var resolver = ForwardingResolver.Create(options);

        Assert.Equal("192.0.2.2", (await resolver.Ask("a.lan.example.com.")).FirstA());
        Assert.Equal("192.0.2.1", (await resolver.Ask("a.example.com.")).FirstA());
        Assert.Equal(Protocol.Wire.DnsRcode.Refused, (await resolver.Ask("elsewhere.org.")).Rcode);
    }
}
