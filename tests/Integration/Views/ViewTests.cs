using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Server.Metrics;

namespace SplitDns.Integration.Tests.Views;

/// <summary>
/// Views end to end with dig from different loopback source addresses: split-horizon answers,
/// each view's forwarding policy, listener-bound views, and UPDATE/AXFR per view instance.
/// </summary>
public sealed class ViewTests(ViewsServerFixture server) : IClassFixture<ViewsServerFixture>
{
    [Fact]
    public async Task SplitHorizonName_ThreeClients_EachGetsItsViewsAnswer()
    {
        DigResult home = await server.DigFromAsync(ViewsServerFixture.Home, "grafana.example.com", "A");
        DigResult pods = await server.DigFromAsync(ViewsServerFixture.Pods, "grafana.example.com", "A");
        DigResult tailscale = await server.DigFromAsync(ViewsServerFixture.Tailscale, "grafana.example.com", "A");

        Assert.Contains("internal.example.com. 300 IN A 192.168.1.72", home.Answer);
        Assert.Contains("internal.example.com. 300 IN A 192.168.1.72", pods.Answer);
        Assert.Contains("internal.example.com. 300 IN A 100.64.0.72", tailscale.Answer);
        Assert.All([home, pods, tailscale], r => Assert.True(r.Has("aa")));

        // The tailscale copy has no wildcard: names only the shared zone answers are NXDOMAIN there.
        Assert.Equal("NOERROR", (await server.DigFromAsync(ViewsServerFixture.Home, "unknown.example.com", "A")).Status);
        Assert.Equal("NXDOMAIN", (await server.DigFromAsync(ViewsServerFixture.Tailscale, "unknown.example.com", "A")).Status);
    }

    [Fact]
    public async Task Forwarding_ViewsWithDifferentUpstreams_EachUsesItsOwnAndCachesApart()
    {
        DigResult home = await server.DigFromAsync(ViewsServerFixture.Home, "google.views.test", "A");
        DigResult pods = await server.DigFromAsync(ViewsServerFixture.Pods, "google.views.test", "A");
        DigResult podsAgain = await server.DigFromAsync(ViewsServerFixture.Pods, "google.views.test", "A");
        DigResult other = await server.DigFromAsync(ViewsServerFixture.Other, "google.views.test", "A");

        Assert.Contains("google.views.test. 300 IN A 198.51.100.1", home.Answer);
        Assert.Contains(podsAgain.Answer, a => a.EndsWith("IN A 198.51.100.3", StringComparison.Ordinal));
        Assert.Contains(pods.Answer, a => a.EndsWith("IN A 198.51.100.3", StringComparison.Ordinal));
        Assert.Contains(other.Answer, a => a.EndsWith("IN A 198.51.100.1", StringComparison.Ordinal));

        // home and default share the default upstream (one query, then its cache); pods asked its own once.
        Assert.Equal(1, server.Upstream.CountFor("google.views.test."));
        Assert.Equal(1, server.PodUpstream.CountFor("google.views.test."));
        Assert.All([home, pods, other], r => Assert.True(r.Has("ra")));
    }

    [Fact]
    public async Task ConditionalForwarder_RemovedInOneView_ThatViewAnswersFromTheZone()
    {
        DigResult home = await server.DigFromAsync(ViewsServerFixture.Home, "printer.lan.example.com", "A");
        DigResult pods = await server.DigFromAsync(ViewsServerFixture.Pods, "printer.lan.example.com", "A");

        Assert.Contains("printer.lan.example.com. 300 IN A 198.51.100.2", home.Answer);
        Assert.False(home.Has("aa"));
        Assert.Contains("printer.lan.example.com. 300 IN A 192.168.1.58", pods.Answer);
        Assert.True(pods.Has("aa"));
        Assert.Equal(1, server.Router.CountFor("printer.lan.example.com."));
    }

    [Fact]
    public async Task ViewWithoutRecursion_ForwardedNameRefusedWithEde18_ZonesStillServed()
    {
        DigResult refused = await server.DigFromAsync(ViewsServerFixture.Guests, "elsewhere.views.test", "A");
        DigResult zone = await server.DigFromAsync(ViewsServerFixture.Guests, "grafana.example.com", "A");

        Assert.Equal("REFUSED", refused.Status);
        Assert.Contains("18", refused.Ede);
        Assert.False(refused.Has("ra"));
        Assert.Equal("NOERROR", zone.Status);
        Assert.False(zone.Has("ra"));
        Assert.Equal(0, server.Upstream.CountFor("elsewhere.views.test."));
    }

    [Fact]
    public async Task ListenerView_QueryOnSecondListener_SeesNoSharedZones()
    {
        string output = await Forwarding.DigClient.RunAsync("dig", $"@{server.Vip2.Address}", "-p",
            server.Vip2.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-b", ViewsServerFixture.Home.ToString(),
            "+tries=1", "+time=5", "+norec", "grafana.example.com", "A");
        DigResult vip2 = DigResult.Parse(output);
        DigResult tcp = DigResult.Parse(await Forwarding.DigClient.RunAsync("dig", $"@{server.Vip2.Address}", "-p",
            server.Vip2.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-b", ViewsServerFixture.Home.ToString(),
            "+tries=1", "+time=5", "+norec", "+tcp", "grafana.example.com", "A"));

        // vip2 comes first and takes every query on its listener, even from a home address: it
        // sees no zone, and RD=0 is not forwarded; on the main listener the same client is home.
        Assert.Equal("REFUSED", vip2.Status);
        Assert.Empty(vip2.Answer);
        Assert.Equal("REFUSED", tcp.Status);
        Assert.Equal("NOERROR", (await server.DigFromAsync(ViewsServerFixture.Home, "+norec", "grafana.example.com", "A")).Status);
    }

    [Fact]
    public async Task Metrics_QueriesCountedPerView()
    {
        await server.DigFromAsync(ViewsServerFixture.Tailscale, "internal.example.com", "A");
        string scrape = server.Services.GetService(typeof(PrometheusExporter)) is PrometheusExporter e ? e.Scrape() : "";

        Assert.Matches("splitdns_dns_queries_total\\{[^}]*view=\"tailscale\"[^}]*\\} [1-9]", scrape);
    }
}
