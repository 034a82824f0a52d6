using System.Net;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Hosting;
using SplitDns.Server.Tests.Hosting;
using SplitDns.Server.Views;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.Server.Tests.Views;

/// <summary>
/// Views in process: selected once per query by client address, split-horizon zones, and the
/// hot path still allocating nothing with several views. Nothing is forwarded here (the
/// upstream is 127.0.0.1:9 and every query is answered from zones or refused before it).
/// </summary>
public sealed partial class ViewSelectionTests : IDisposable
{
    private static readonly IPEndPoint s_home = new(IPAddress.Parse("192.168.1.20"), 40000);
    private static readonly IPEndPoint s_tailscale = new(IPAddress.Parse("100.64.3.4"), 40000);
    private static readonly IPEndPoint s_mappedTailscale = new(IPAddress.Parse("::ffff:100.64.3.4"), 40000);
    private static readonly IPEndPoint s_pods = new(IPAddress.Parse("10.42.0.7"), 40000);
    private static readonly IPEndPoint s_elsewhere = new(IPAddress.Parse("203.0.113.9"), 40000);

    private readonly Harness _h;

    public ViewSelectionTests()
    {
        (ServerSettings settings, List<string> errors) = SettingsFromArgs.Read(
        [
            "--SplitDns:Forwarders:Upstream=127.0.0.1:9",
            "--SplitDns:RecursionAcl=192.168.0.0/16, 10.42.0.0/16",
            "--SplitDns:Views:0:Name=home", "--SplitDns:Views:0:Networks=192.168.0.0/16",
            "--SplitDns:Views:1:Name=pods", "--SplitDns:Views:1:Networks=10.42.0.0/16, 10.43.0.0/16", "--SplitDns:Views:1:Recursion=false",
            "--SplitDns:Views:2:Name=tailscale", "--SplitDns:Views:2:Networks=100.64.0.0/10",
            "--SplitDns:ClientSubnet:TrustedSources=10.96.0.10, fd00:96::/64",
        ]);
        Assert.Empty(errors);
        _h = new Harness(settings);
        _h.Catalog.Publish(Harness.LoadFixture("rfc4592.zone"));
        ZoneSnapshot shared = Harness.LoadFixture("chains.cname.zone");
        _h.Catalog.Publish(shared);
        _h.Catalog.Publish(new ZoneKey("tailscale", shared.Origin), ZoneSnapshot.Create(shared.Origin, [.. shared.Records.Where(r => r.Type is RecordType.SOA or RecordType.NS)]));
    }

    public void Dispose() => _h.Dispose();

    [Fact]
    public void Select_ByClientAddress_FirstMatchElseDefault()
    {
        ViewTable views = _h.Get<ViewTable>();

        Assert.Equal(["home", "pods", "tailscale", "default"], views.Views.Select(v => v.Name));
        Assert.Equal("home", views.Select(s_home.Address).Name);
        Assert.Equal("pods", views.Select(IPAddress.Parse("10.43.9.9")).Name);
        Assert.Equal("tailscale", views.Select(s_mappedTailscale.Address).Name);
        Assert.Equal("default", views.Select(s_elsewhere.Address).Name);
    }

    [Fact]
    public void Query_SplitHorizonZone_TailscaleSeesItsOwnCopy()
    {
        _h.SetClient(s_home);
        DnsMessage home = _h.Query("a.chains.test.", RecordType.A);
        _h.SetClient(s_tailscale.Serialize());
        DnsMessage tailscale = _h.Query("a.chains.test.", RecordType.A);

        Assert.NotEmpty(home.Answers);
        Assert.Equal(DnsRcode.NxDomain, tailscale.Rcode);
        Assert.True(tailscale.Header.AuthoritativeAnswer);
    }

    [Fact]
    public void Query_ViewWithoutRecursion_RaClearAndForwardingRefusedWithEde18()
    {
        _h.SetClient(s_pods.Serialize());
        DnsMessage zone = _h.Query("host1.example.", RecordType.A);
        DnsMessage forwarded = _h.Query("elsewhere.test.", RecordType.A);

        Assert.False(zone.Header.RecursionAvailable);
        Assert.Equal(DnsRcode.Refused, forwarded.Rcode);
        Assert.Equal(Protocol.Edns.ExtendedDnsErrorCode.Prohibited, Assert.Single(forwarded.Edns!.GetExtendedErrors()).Code);

        _h.SetClient(s_home.Serialize());
        Assert.True(_h.Query("host1.example.", RecordType.A).Header.RecursionAvailable);
    }

    [Theory]
    [InlineData("192.168.1.20")]
    [InlineData("100.64.3.4")]
    [InlineData("203.0.113.9")]
    public void Process_AuthoritativeHitInAnyView_AllocatesNothing(string client)
    {
        _h.SetClient(new IPEndPoint(IPAddress.Parse(client), 5300).Serialize());
        byte[] query = Harness.BuildQuery("host1.example.", RecordType.A);

        Assert.Equal(DnsRcode.NoError, DnsMessage.Parse(_h.Send(query)!).Rcode);
        Assert.Equal(0, _h.MeasureAllocations(query));
    }
}
