using System.Net;
using System.Net.Sockets;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Metrics;

namespace SplitDns.Integration.Tests.Views;

/// <summary>
/// What the view sees, end to end over real sockets: the packet's source; EDNS Client Subnet
/// (dig +subnet) only from the trusted 127.66.7.0/24; PROXY protocol v2 on TCP only from the
/// trusted 127.66.8.0/24, where it is required. grafana.example.com is the split-horizon name:
/// 192.168.1.72 in the shared zone, 100.64.0.72 in tailscale's copy.
/// </summary>
public sealed class ClientAddressTests(ClientAddressServerFixture server) : IClassFixture<ClientAddressServerFixture>
{
    private const string SharedAddress = "192.168.1.72";
    private const string TailscaleAddress = "100.64.0.72";

    private static string? AddressOf(DnsMessage? response) =>
        response?.Answers.FirstOrDefault(r => r.Type == RecordType.A)?.Data is ARdata a ? a.Address.ToString() : null;

    private static byte[] GrafanaQuery(ushort id) => RawDns.Query("grafana.example.com.", RecordType.A, id);

    [Fact]
    public async Task Ecs_FromTrustedSource_SubnetSelectsViewAndIsEchoed()
    {
        DigResult plain = await server.DigFromAsync(ClientAddressServerFixture.CoreDns, "grafana.example.com", "A");
        DigResult viaEcs = await server.DigFromAsync(ClientAddressServerFixture.CoreDns, "+subnet=127.66.3.0/24", "grafana.example.com", "A");

        Assert.Contains($"internal.example.com. 300 IN A {SharedAddress}", plain.Answer);
        Assert.Contains($"internal.example.com. 300 IN A {TailscaleAddress}", viaEcs.Answer);

        // RFC 7871 §7.2.1: echoed with FAMILY, SOURCE and ADDRESS as sent, SCOPE = SOURCE.
        Assert.Contains("CLIENT-SUBNET: 127.66.3.0/24/24", viaEcs.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ecs_FromUntrustedSource_IgnoredAndNotEchoed()
    {
        DigResult home = await server.DigFromAsync(ViewsServerFixture.Home, "+subnet=127.66.3.0/24", "grafana.example.com", "A");

        Assert.Equal("NOERROR", home.Status);
        Assert.Contains($"internal.example.com. 300 IN A {SharedAddress}", home.Answer);
        Assert.DoesNotContain("CLIENT-SUBNET", home.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ecs_Malformed_FormErr()
    {
        // FAMILY 1, SOURCE 24, SCOPE 0 and four ADDRESS octets where ceil(24 / 8) = 3 belong (RFC 7871 §6).
        DigResult trusted = await server.DigFromAsync(ClientAddressServerFixture.CoreDns, "+ednsopt=8:000118007f420300", "grafana.example.com", "A");
        DigResult untrusted = await server.DigFromAsync(ViewsServerFixture.Home, "+ednsopt=8:000118007f420300", "grafana.example.com", "A");

        Assert.Equal("FORMERR", trusted.Status);
        Assert.Equal("FORMERR", untrusted.Status);
    }

    [Fact]
    public void Proxy_FromTrustedPeer_ViewFollowsHeaderSource()
    {
        using Socket tailscale = server.ConnectFrom(ClientAddressServerFixture.Proxy);
        tailscale.Send(server.ProxyHeaderFor(ViewsServerFixture.Tailscale));
        using Socket home = server.ConnectFrom(ClientAddressServerFixture.Proxy);
        home.Send(server.ProxyHeaderFor(ViewsServerFixture.Home));

        // Several queries per connection: the header holds for the whole connection.
        Assert.Equal(TailscaleAddress, AddressOf(ClientAddressServerFixture.Exchange(tailscale, GrafanaQuery(1))));
        Assert.Equal(TailscaleAddress, AddressOf(ClientAddressServerFixture.Exchange(tailscale, GrafanaQuery(2))));
        Assert.Equal(SharedAddress, AddressOf(ClientAddressServerFixture.Exchange(home, GrafanaQuery(3))));
    }

    [Fact]
    public void Proxy_HeaderAndQueryInOneSegment_QueryAnswered()
    {
        using Socket socket = server.ConnectFrom(ClientAddressServerFixture.Proxy);
        socket.Send([.. server.ProxyHeaderFor(ViewsServerFixture.Tailscale), .. RawDns.Frame(GrafanaQuery(4))]);

        Assert.Equal(TailscaleAddress, AddressOf(RawDns.ReadFrame(socket) is { } reply ? DnsMessage.Parse(reply) : null));
    }

    [Fact]
    public void Proxy_LocalFromTrustedPeer_PeerIsTheClient()
    {
        using Socket socket = server.ConnectFrom(ClientAddressServerFixture.Proxy);
        socket.Send(Convert.FromHexString("0d0a0d0a000d0a515549540a" + "20" + "00" + "0000"));

        Assert.Equal(SharedAddress, AddressOf(ClientAddressServerFixture.Exchange(socket, GrafanaQuery(5))));
    }

    [Fact]
    public void Proxy_HeaderFromUntrustedPeer_NotHonoured()
    {
        using Socket plain = server.ConnectFrom(ViewsServerFixture.Tailscale);
        Assert.Equal(TailscaleAddress, AddressOf(ClientAddressServerFixture.Exchange(plain, GrafanaQuery(6))));

        // A home client claiming to be a Tailscale client: the header is just bytes of a broken
        // frame (length 0x0d0a), so no answer comes and the server closes the connection.
        using Socket spoofing = server.ConnectFrom(ViewsServerFixture.Home);
        spoofing.Send(server.ProxyHeaderFor(ViewsServerFixture.Tailscale));

        Assert.Null(ClientAddressServerFixture.Exchange(spoofing, GrafanaQuery(7)));
    }

    [Fact]
    public async Task Proxy_MalformedOrMissingHeaderFromTrustedPeer_ClosedOthersStillAnswered()
    {
        using Socket noHeader = server.ConnectFrom(ClientAddressServerFixture.Proxy);
        Assert.Null(ClientAddressServerFixture.Exchange(noHeader, GrafanaQuery(8)));

        using Socket badVersion = server.ConnectFrom(ClientAddressServerFixture.Proxy);
        badVersion.Send(Convert.FromHexString("0d0a0d0a000d0a515549540a" + "11" + "11" + "000c"));
        Assert.Null(RawDns.ReadFrame(badVersion));

        // A trusted peer that stays silent holds only its own connection, until the header timeout.
        using Socket silent = server.ConnectFrom(ClientAddressServerFixture.Proxy);
        using Socket other = server.ConnectFrom(ClientAddressServerFixture.Proxy);
        other.Send(server.ProxyHeaderFor(ViewsServerFixture.Tailscale));
        Assert.Equal(TailscaleAddress, AddressOf(ClientAddressServerFixture.Exchange(other, GrafanaQuery(9))));
        Assert.Equal("NOERROR", (await server.DigFromAsync(ViewsServerFixture.Home, "grafana.example.com", "A")).Status);
        Assert.Null(RawDns.ReadFrame(silent));

        string metrics = server.Services.GetService(typeof(PrometheusExporter)) is PrometheusExporter e ? e.Scrape() : "";
        Assert.Contains("splitdns_dns_dropped_packets_total{transport=\"tcp\",reason=\"proxy_header\"}", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_ThroughProxy_GrantNetworksSeeHeaderSource()
    {
        using Socket allowed = server.ConnectFrom(ClientAddressServerFixture.Proxy);
        allowed.Send(server.ProxyHeaderFor(ClientAddressServerFixture.Updater));
        using Socket other = server.ConnectFrom(ClientAddressServerFixture.Proxy);
        other.Send(server.ProxyHeaderFor(ViewsServerFixture.Other));

        DnsMessage? granted = ClientAddressServerFixture.Exchange(allowed, Update("via-proxy.example.com.", "192.0.2.61", 10));
        DnsMessage? refused = ClientAddressServerFixture.Exchange(other, Update("via-proxy-refused.example.com.", "192.0.2.62", 11));

        Assert.Equal(DnsRcode.NoError, granted?.Rcode);
        Assert.Equal(DnsRcode.Refused, refused?.Rcode);
        Assert.Contains("via-proxy.example.com. 60 IN A 192.0.2.61", (await server.DigFromAsync(ViewsServerFixture.Home, "via-proxy.example.com", "A")).Answer);
        Assert.Contains("via-proxy-refused.example.com. 300 IN A 192.168.1.58",
            (await server.DigFromAsync(ViewsServerFixture.Home, "via-proxy-refused.example.com", "A")).Answer);
    }

    [Fact]
    public async Task Update_DirectFromClientNoGrantNames_Refused()
    {
        // The control for the test above: the grant really is limited to 127.66.5.0/24.
        var result = await SplitDns.Tests.Shared.ClientTool.RunAsync("nsupdate", [],
            $"server {server.Dns.Address} {server.Dns.Port}\nlocal {ViewsServerFixture.Home}\nzone example.com\nupdate add direct.example.com 60 A 192.0.2.63\nsend\n",
            TimeSpan.FromSeconds(20));

        Assert.Contains("REFUSED", result.Output, StringComparison.Ordinal);
    }

    /// <summary>An unsigned RFC 2136 UPDATE adding one A record to example.com.</summary>
    private static byte[] Update(string name, string address, ushort id)
    {
        var m = new DnsMessage();
        m.Header.Id = id;
        m.Header.Opcode = DnsOpcode.Update;
        m.Questions.Add(new DnsQuestion(DnsName.Parse("example.com."), RecordType.SOA));
        m.Authority.Add(new ResourceRecord(DnsName.Parse(name), 60, new ARdata(IPAddress.Parse(address))));
        return m.ToArray();
    }
}
