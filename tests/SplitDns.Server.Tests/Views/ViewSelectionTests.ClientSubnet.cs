using System.Net;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Tests.Views;

/// <summary>
/// EDNS Client Subnet (RFC 7871) from the trusted source 10.96.0.10 (a CoreDNS pod) selects the
/// view and is echoed; from anyone else it is ignored and not echoed; malformed is FORMERR.
/// </summary>
public sealed partial class ViewSelectionTests
{
    private static readonly IPEndPoint s_coreDns = new(IPAddress.Parse("10.96.0.10"), 40000);
    private static readonly IPEndPoint s_coreDns6 = new(IPAddress.Parse("fd00:96::53"), 40000);

    // FAMILY 1, SOURCE 24, SCOPE 0, 100.64.3 (a Tailscale client's /24).
    private const string TailscaleEcs = "00011800644003";

    private static Action<DnsMessage> Ecs(string hex) =>
        q => q.Edns!.Options.Add(new EdnsOption(EdnsOptionCode.ClientSubnet, Convert.FromHexString(hex)));

    private static string? EcsEcho(DnsMessage response) =>
        response.Edns?.Find(EdnsOptionCode.ClientSubnet) is { } o ? Convert.ToHexStringLower(o.Data.Span) : null;

    [Fact]
    public void Query_EcsFromTrustedSource_ViewOfSubnetAndEchoedWithScope()
    {
        _h.SetClient(s_coreDns.Serialize());
        DnsMessage plain = _h.Query("a.chains.test.", RecordType.A);
        DnsMessage viaEcs = _h.Query("a.chains.test.", RecordType.A, edit: Ecs(TailscaleEcs));

        Assert.NotEmpty(plain.Answers);
        Assert.Null(EcsEcho(plain));
        Assert.Equal(DnsRcode.NxDomain, viaEcs.Rcode);

        // RFC 7871 §7.2.1: FAMILY, SOURCE and ADDRESS as sent; SCOPE = SOURCE (24).
        Assert.Equal("00011818644003", EcsEcho(viaEcs));
    }

    [Fact]
    public void Query_EcsFromTrustedSourceOverTcpAndIPv6_ViewOfSubnet()
    {
        _h.SetClient(s_coreDns6);
        DnsMessage response = _h.Query("a.chains.test.", RecordType.A, DnsTransport.Tcp, edit: Ecs(TailscaleEcs));

        Assert.Equal(DnsRcode.NxDomain, response.Rcode);
        Assert.Equal("00011818644003", EcsEcho(response));
    }

    [Fact]
    public void Query_EcsFromUntrustedClient_IgnoredAndNotEchoed()
    {
        _h.SetClient(s_home.Serialize());
        DnsMessage response = _h.Query("a.chains.test.", RecordType.A, edit: Ecs(TailscaleEcs));

        // §7.2.1: a server that does not use the option MUST NOT include it in the reply.
        Assert.NotEmpty(response.Answers);
        Assert.Null(EcsEcho(response));
    }

    [Fact]
    public void Query_EcsFromTrustedSource_RecursionStillDecidedByPeer()
    {
        // 10.96.0.10 is outside the recursion ACL; the ECS address (home) is inside it.
        _h.SetClient(s_coreDns.Serialize());
        DnsMessage response = _h.Query("host1.example.", RecordType.A, edit: Ecs("00011800c0a801"));

        Assert.Equal(DnsRcode.NoError, response.Rcode);
        Assert.False(response.Header.RecursionAvailable);
        Assert.Equal("00011818c0a801", EcsEcho(response));
    }

    [Fact]
    public void Query_EcsSourceZeroFromTrustedSource_ViewOfPeerEchoedWithScopeZero()
    {
        _h.SetClient(s_coreDns.Serialize());
        DnsMessage response = _h.Query("a.chains.test.", RecordType.A, edit: Ecs("00010000"));

        Assert.NotEmpty(response.Answers);
        Assert.Equal("00010000", EcsEcho(response));
    }

    [Theory]
    [InlineData("10.96.0.10", "00011800644003ff")]  // one ADDRESS octet too many
    [InlineData("10.96.0.10", "00011700644003")]    // bits set past SOURCE
    [InlineData("10.96.0.10", "00011808644003")]    // SCOPE not 0 in a query
    [InlineData("192.168.1.20", "00051800644003")]  // unknown FAMILY, from an untrusted client too
    public void Query_MalformedEcs_FormErrWithoutEcho(string client, string hex)
    {
        _h.SetClient(new IPEndPoint(IPAddress.Parse(client), 40000).Serialize());
        DnsMessage response = _h.Query("a.chains.test.", RecordType.A, edit: Ecs(hex));

        Assert.Equal(DnsRcode.FormErr, response.Rcode);
        Assert.Null(EcsEcho(response));
    }

    [Fact]
    public void Scrape_EcsResults_CountedByResult()
    {
        _h.SetClient(s_coreDns.Serialize());
        _h.Query("a.chains.test.", RecordType.A, edit: Ecs(TailscaleEcs));
        _h.Query("a.chains.test.", RecordType.A, edit: Ecs("00010000"));
        _h.Query("a.chains.test.", RecordType.A, edit: Ecs("00011700644003"));
        _h.SetClient(s_home.Serialize());
        _h.Query("a.chains.test.", RecordType.A, edit: Ecs(TailscaleEcs));

        string text = _h.Exporter.Scrape();

        Assert.Contains("splitdns_dns_client_subnet_total{result=\"used\"} 1", text);
        Assert.Contains("splitdns_dns_client_subnet_total{result=\"no_address\"} 1", text);
        Assert.Contains("splitdns_dns_client_subnet_total{result=\"malformed\"} 1", text);
        Assert.Contains("splitdns_dns_client_subnet_total{result=\"ignored_untrusted\"} 1", text);
    }

    [Theory]
    [InlineData("10.96.0.10")]    // trusted: view re-selected, option echoed
    [InlineData("192.168.1.20")]  // untrusted: option ignored
    public void Process_AuthoritativeHitWithEcs_AllocatesNothing(string client)
    {
        _h.SetClient(new IPEndPoint(IPAddress.Parse(client), 5300).Serialize());
        byte[] query = Harness.BuildQuery("host1.example.", RecordType.A, edit: Ecs("00011800c0a801"));

        DnsMessage response = DnsMessage.Parse(_h.Send(query)!);
        Assert.Equal(DnsRcode.NoError, response.Rcode);
        Assert.Equal(client == "10.96.0.10", EcsEcho(response) is not null);
        Assert.Equal(0, _h.MeasureAllocations(query));
    }
}
