using Microsoft.Extensions.DependencyInjection;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Server.Blocking;

namespace SplitDns.Integration.Tests.Blocking;

/// <summary>
/// Blocking end to end with dig from per-view loopback sources: only views with blocking block,
/// every response mode carries EDE 15 with the list name, subdomains are blocked, allowlists and
/// exceptions win, served zones are never blocked, CNAME cloaking is caught, blocking can be
/// switched off for a while, and blocked answers are counted on /metrics.
/// </summary>
public sealed class BlockingTests(BlockingServerFixture server) : IClassFixture<BlockingServerFixture>
{
    [Fact]
    public async Task BlockedName_HomeBlockedWithEde15_PodsForwarded()
    {
        DigResult home = await server.DigFromAsync(BlockingServerFixture.Home, "ads.blocked.test", "A");
        DigResult pods = await server.DigFromAsync(BlockingServerFixture.Pods, "ads.blocked.test", "A");

        Assert.Equal("NXDOMAIN", home.Status);
        Assert.Equal(["15"], home.Ede);
        Assert.Contains("blocked by list ads", home.Output);
        Assert.Empty(home.Answer);
        Assert.Contains(home.Authority, a => a.Contains("IN SOA blocked.splitdns.invalid.", StringComparison.Ordinal) && a.Contains(" 120 ", StringComparison.Ordinal));
        Assert.Equal("NOERROR", pods.Status);
        Assert.Contains("ads.blocked.test. 300 IN A 198.51.100.1", pods.Answer);
        Assert.Equal(1, server.Upstream.CountFor("ads.blocked.test."));
    }

    [Fact]
    public async Task Subdomain_OfBlockedName_IsBlocked_AndCaseDoesNotMatter()
    {
        DigResult deep = await server.DigFromAsync(BlockingServerFixture.Home, "Deep.Sub.ADS.blocked.TEST", "A");

        Assert.Equal("NXDOMAIN", deep.Status);
        Assert.Equal(["15"], deep.Ede);
        Assert.Equal(0, server.Upstream.CountFor("deep.sub.ads.blocked.test."));
    }

    [Fact]
    public async Task AllowlistAndException_Win_OverBlockedParents()
    {
        DigResult allowed = await server.DigFromAsync(BlockingServerFixture.Home, "fine.ads.blocked.test", "A");
        DigResult rule = await server.DigFromAsync(BlockingServerFixture.Home, "x.adblock.blocked.test", "A");
        DigResult exception = await server.DigFromAsync(BlockingServerFixture.Home, "ok.adblock.blocked.test", "A");

        Assert.Equal("NOERROR", allowed.Status);
        Assert.Contains("fine.ads.blocked.test. 300 IN A 198.51.100.1", allowed.Answer);
        Assert.Equal("NXDOMAIN", rule.Status);
        Assert.Contains("blocked by list rules", rule.Output);
        Assert.Equal("NOERROR", exception.Status);
        Assert.Empty(exception.Ede);
    }

    [Fact]
    public async Task ServedZone_NameOnAList_IsAnsweredFromTheZone()
    {
        DigResult r = await server.DigFromAsync(BlockingServerFixture.Home, "ads.example.com", "A");

        Assert.Equal("NOERROR", r.Status);
        Assert.True(r.Has("aa"));
        Assert.Contains("ads.example.com. 300 IN A 192.168.1.80", r.Answer);
        Assert.Empty(r.Ede);
    }

    [Fact]
    public async Task NullIpMode_AnswersUnspecifiedAddresses_OtherTypesNoData()
    {
        DigResult a = await server.DigFromAsync(BlockingServerFixture.NullIp, "ads.blocked.test", "A");
        DigResult aaaa = await server.DigFromAsync(BlockingServerFixture.NullIp, "ads.blocked.test", "AAAA");
        DigResult mx = await server.DigFromAsync(BlockingServerFixture.NullIp, "ads.blocked.test", "MX");
        DigResult otherList = await server.DigFromAsync(BlockingServerFixture.NullIp, "adblock.blocked.test", "A");

        Assert.Equal("ads.blocked.test. 60 IN A 0.0.0.0", Assert.Single(a.Answer));
        Assert.Equal("ads.blocked.test. 60 IN AAAA ::", Assert.Single(aaaa.Answer));
        Assert.Equal("NOERROR", mx.Status);
        Assert.Empty(mx.Answer);
        Assert.All([a, aaaa, mx], r => Assert.Equal(["15"], r.Ede));

        // This view uses the ads list only.
        Assert.Contains("adblock.blocked.test. 300 IN A 198.51.100.1", otherList.Answer);
    }

    [Fact]
    public async Task CustomMode_AnswersConfiguredAddresses()
    {
        DigResult a = await server.DigFromAsync(BlockingServerFixture.Custom, "tracker.blocked.test", "A");
        DigResult aaaa = await server.DigFromAsync(BlockingServerFixture.Custom, "tracker.blocked.test", "AAAA");

        Assert.Equal("tracker.blocked.test. 60 IN A 192.0.2.99", Assert.Single(a.Answer));
        Assert.Equal("tracker.blocked.test. 60 IN AAAA 2001:db8::99", Assert.Single(aaaa.Answer));
        Assert.All([a, aaaa], r => Assert.Equal(["15"], r.Ede));
        Assert.False(a.Has("aa"));
    }

    [Fact]
    public async Task NoDataMode_AnswersNoErrorWithoutRecords()
    {
        DigResult r = await server.DigFromAsync(BlockingServerFixture.NoData, "ads.blocked.test", "A");

        Assert.Equal("NOERROR", r.Status);
        Assert.Empty(r.Answer);
        Assert.Single(r.Authority);
        Assert.Equal(["15"], r.Ede);
        Assert.Contains("blocked by list ads", r.Output);
    }

    [Fact]
    public async Task CnameCloaking_ForwardedChainThroughBlockedName_IsBlocked()
    {
        DigResult home = await server.DigFromAsync(BlockingServerFixture.Home, "cloaked.test", "A");
        DigResult pods = await server.DigFromAsync(BlockingServerFixture.Pods, "cloaked.test", "A");
        DigResult allowed = await server.DigFromAsync(BlockingServerFixture.Home, "cloak-allowed.test", "A");

        Assert.Equal("NXDOMAIN", home.Status);
        Assert.Equal(["15"], home.Ede);
        Assert.Contains("blocked by list ads (CNAME target)", home.Output);
        Assert.Contains("cloaked.test. 300 IN CNAME cdn.tracker.blocked.test.", pods.Answer);
        Assert.Contains("cdn.tracker.blocked.test. 300 IN A 198.51.100.1", pods.Answer);

        // An allowlisted name's chain is not checked.
        Assert.Equal("NOERROR", allowed.Status);
        Assert.Contains("cdn.tracker.blocked.test. 300 IN A 198.51.100.1", allowed.Answer);
    }

    [Fact]
    public async Task TemporaryDisable_ForwardsUntilEnabledAgain()
    {
        var control = server.Services.GetRequiredService<BlockingControl>();
        DateTimeOffset until = control.Disable("nodata", TimeSpan.FromMinutes(5));
        DigResult off = await server.DigFromAsync(BlockingServerFixture.NoData, "disable.ads.blocked.test", "A");
        DigResult homeStill = await server.DigFromAsync(BlockingServerFixture.Home, "disable.ads.blocked.test", "A");
        Assert.Equal(until, control.DisabledUntil("nodata"));
        control.Enable("nodata");
        DigResult on = await server.DigFromAsync(BlockingServerFixture.NoData, "disable.ads.blocked.test", "A");

        Assert.Contains("disable.ads.blocked.test. 300 IN A 198.51.100.1", off.Answer);
        Assert.Empty(off.Ede);
        Assert.Equal("NXDOMAIN", homeStill.Status);
        Assert.Null(control.DisabledUntil("nodata"));
        Assert.Empty(on.Answer);
        Assert.Equal(["15"], on.Ede);
        Assert.Throws<KeyNotFoundException>(() => control.Disable("pods", TimeSpan.FromMinutes(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => control.Disable("home", TimeSpan.Zero));
    }

    [Fact]
    public async Task Metrics_CountBlockedAnswersAndListSizes()
    {
        await server.DigFromAsync(BlockingServerFixture.Home, "metrics.tracker.blocked.test", "A");
        using var http = new HttpClient();
        string text = await http.GetStringAsync(server.Metrics);

        Assert.Matches(@"splitdns_dns_blocked_total\{list=""ads"",match=""name"",view=""home""\} [1-9]", text);
        Assert.Matches(@"splitdns_blocking_list_entries\{list=""ads""\} 3\b", text);
        Assert.Matches(@"splitdns_blocking_list_invalid_lines\{list=""ads""\} 1\b", text);
    }
}
