using System.Net;
using SplitDns.Blocking;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Hosting;
using SplitDns.Server.Tests.Hosting;

namespace SplitDns.Server.Tests.Blocking;

/// <summary>
/// The blocking step in process: a home client's blocked name is answered NXDOMAIN with EDE 15
/// naming the list, an allowed name is forwarded (to a loopback upstream) and then served from
/// the cache, a pods client is never blocked, and both the blocked answer and the allowed cache
/// hit allocate nothing.
/// </summary>
public sealed class BlockingStepTests : IDisposable
{
    private static readonly IPEndPoint s_home = new(IPAddress.Parse("192.168.1.20"), 40000);
    private static readonly IPEndPoint s_pods = new(IPAddress.Parse("10.42.0.7"), 40000);

    private readonly string _dir = Directory.CreateTempSubdirectory("splitdns-blockstep-").FullName;
    private readonly LoopbackUpstream _upstream = new();
    private readonly Harness _h;

    public BlockingStepTests()
    {
        File.WriteAllText(Path.Combine(_dir, "ads.txt"), "# test list\nads.blocked.test\n*.wild.blocked.test\n");
        (ServerSettings settings, List<string> errors) = SettingsFromArgs.Read(
        [
            $"--SplitDns:Forwarders:Upstream={_upstream.EndPoint}",
            // Generous: the harness blocks a thread per query, and a busy test run can be slow to answer.
            "--SplitDns:Forwarders:TryTimeoutMs=5000", "--SplitDns:Forwarders:DeadlineMs=15000",
            "--SplitDns:RecursionAcl=192.168.0.0/16, 10.42.0.0/16",
            $"--SplitDns:Blocking:CacheDirectory={_dir}/cache",
            $"--SplitDns:Blocking:Lists:ads={_dir}/ads.txt",
            "--SplitDns:Views:0:Name=home", "--SplitDns:Views:0:Networks=192.168.0.0/16",
            "--SplitDns:Views:0:Blocking:Mode=NxDomain", "--SplitDns:Views:0:Blocking:Ttl=90",
            "--SplitDns:Views:1:Name=pods", "--SplitDns:Views:1:Networks=10.42.0.0/16",
        ]);
        Assert.Empty(errors);
        _h = new Harness(settings);

        // The harness starts no hosted services: load the lists as BlockingService does at start.
        _h.Get<BlocklistCatalog>().LoadLocalAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    private static void Rd(DnsMessage query) => query.Header.RecursionDesired = true;

    public void Dispose()
    {
        _h.Dispose();
        _upstream.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("ads.blocked.test.")]
    [InlineData("deep.sub.ads.blocked.test.")]
    [InlineData("x.wild.blocked.test.")]
    public void HomeClient_BlockedName_NxDomainWithEde15NamingTheList(string name)
    {
        _h.SetClient(s_home.Serialize());
        DnsMessage r = _h.Query(name, RecordType.A, edit: Rd);

        Assert.Equal(DnsRcode.NxDomain, r.Rcode);
        Assert.Empty(r.Answers);
        ResourceRecord soa = Assert.Single(r.Authority);
        Assert.Equal(RecordType.SOA, soa.Type);
        Assert.Equal(90u, soa.Ttl);
        ExtendedDnsError ede = Assert.Single(r.Edns!.GetExtendedErrors());
        Assert.Equal(ExtendedDnsErrorCode.Blocked, ede.Code);
        Assert.Contains("ads", ede.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void HomeClient_WildcardParentItself_IsNotBlocked()
    {
        _h.SetClient(s_home.Serialize());
        DnsMessage r = _h.Query("wild.blocked.test.", RecordType.A, edit: Rd);

        Assert.Equal(DnsRcode.NoError, r.Rcode);
        Assert.Equal("198.51.100.7", Assert.IsType<ARdata>(Assert.Single(r.Answers).Data).Address.ToString());
    }

    [Fact]
    public void PodsClient_BlockedName_IsForwarded()
    {
        _h.SetClient(s_pods.Serialize());
        DnsMessage r = _h.Query("ads.blocked.test.", RecordType.A, edit: Rd);

        Assert.Equal(DnsRcode.NoError, r.Rcode);
        Assert.Single(r.Answers);
        Assert.Empty(r.Edns!.GetExtendedErrors());
    }

    [Fact]
    public void HomeClient_DisabledForAWhile_IsForwardedUntilEnabledAgain()
    {
        var control = _h.Get<SplitDns.Server.Blocking.BlockingControl>();
        _h.SetClient(s_home.Serialize());

        control.Disable("home", TimeSpan.FromMinutes(5));
        DnsMessage off = _h.Query("ads.blocked.test.", RecordType.A, edit: Rd);
        control.Enable("home");
        DnsMessage on = _h.Query("ads.blocked.test.", RecordType.A, edit: Rd);

        Assert.Equal(DnsRcode.NoError, off.Rcode);
        Assert.Equal(DnsRcode.NxDomain, on.Rcode);
    }

    [Fact]
    public void BlockedAnswer_AllocatesNothing()
    {
        _h.SetClient(s_home.Serialize());
        byte[] query = Harness.BuildQuery("ads.blocked.test.", RecordType.A, edit: Rd);

        Assert.Equal(DnsRcode.NxDomain, DnsMessage.Parse(_h.Send(query)!).Rcode);
        Assert.Equal(0, _h.MeasureAllocations(query));
    }

    [Fact]
    public void AllowedName_ForwardedOnceThenCacheHit_AllocatesNothing()
    {
        _h.SetClient(s_home.Serialize());
        byte[] query = Harness.BuildQuery("allowed.test.", RecordType.A, edit: Rd);

        DnsMessage first = DnsMessage.Parse(_h.Send(query)!);
        Assert.Equal(DnsRcode.NoError, first.Rcode);
        Assert.Single(first.Answers);
        Assert.Equal(0, _h.MeasureAllocations(query));
    }
}
