using System.Net;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Integration.Tests.Views;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Doh;

/// <summary>
/// DoH goes through view selection like UDP and TCP: the client is the TCP peer, or the
/// right-most untrusted X-Forwarded-For address when the peer is a trusted proxy.
/// grafana.example.com is 192.168.1.72 in the shared zone and 100.64.0.72 in tailscale's copy.
/// </summary>
public sealed class DohViewTests(DohViewsServerFixture server) : IClassFixture<DohViewsServerFixture>
{
    private const string SharedAddress = "192.168.1.72";
    private const string TailscaleAddress = "100.64.0.72";

    private async Task<string?> GrafanaAsync(IPAddress source, string? forwardedFor, Version version)
    {
        using HttpClient client = DohViewsServerFixture.ClientFrom(source);
        using HttpRequestMessage request = version == HttpVersion.Version20
            ? DohServerFixture.Get(server.DohUrl, RawDns.Query("grafana.example.com.", RecordType.A, 0), version)
            : DohServerFixture.Post(server.DohUrl, RawDns.Query("grafana.example.com.", RecordType.A, 0), version);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        using HttpResponseMessage response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        DnsMessage dns = DnsMessage.Parse(await response.Content.ReadAsByteArrayAsync());
        return dns.Answers.LastOrDefault(r => r.Type == RecordType.A)?.Data is ARdata a ? a.Address.ToString() : null;
    }

    [Fact]
    public async Task TrustedProxy_ForwardedForSelectsView()
    {
        Assert.Equal(TailscaleAddress, await GrafanaAsync(DohViewsServerFixture.Gateway, "127.66.3.10", HttpVersion.Version11));
        Assert.Equal(SharedAddress, await GrafanaAsync(DohViewsServerFixture.Gateway, "127.66.1.10", HttpVersion.Version11));
    }

    [Fact]
    public async Task TrustedProxy_RightMostUntrustedAddressIsClient()
    {
        // The client wrote 127.66.1.10 itself; the gateway appended the address it saw (tailscale),
        // then a second trusted hop appended the gateway's: the right-most untrusted one wins.
        Assert.Equal(TailscaleAddress, await GrafanaAsync(DohViewsServerFixture.Gateway, "127.66.1.10, 127.66.3.10, 127.66.8.11", HttpVersion.Version11));
        Assert.Equal(TailscaleAddress, await GrafanaAsync(DohViewsServerFixture.Gateway, "127.66.1.10, 127.66.3.10:41000", HttpVersion.Version11));
    }

    [Fact]
    public async Task UntrustedPeer_ForwardedForIgnored()
    {
        Assert.Equal(SharedAddress, await GrafanaAsync(ViewsServerFixture.Home, "127.66.3.10", HttpVersion.Version11));
        Assert.Equal(TailscaleAddress, await GrafanaAsync(ViewsServerFixture.Tailscale, "127.66.1.10", HttpVersion.Version11));
    }

    [Fact]
    public async Task TrustedProxy_GarbageInChain_StopsAtNearestTrustedHop()
    {
        // "garbage" cannot be a client: the walk stops at the trusted hop to its right (the
        // gateway's own address, the catch-all view), never at an address left of it.
        Assert.Equal(SharedAddress, await GrafanaAsync(DohViewsServerFixture.Gateway, "127.66.3.10, garbage", HttpVersion.Version11));
    }

    [Fact]
    public async Task NoForwardedFor_PeerIsClient()
    {
        Assert.Equal(SharedAddress, await GrafanaAsync(DohViewsServerFixture.Gateway, null, HttpVersion.Version11));
        Assert.Equal(TailscaleAddress, await GrafanaAsync(ViewsServerFixture.Tailscale, null, HttpVersion.Version11));
    }
}
