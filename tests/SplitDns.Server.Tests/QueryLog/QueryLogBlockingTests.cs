using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SplitDns.Blocking;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Hosting;
using SplitDns.Server.QueryLog;
using SplitDns.Server.Tests.Blocking;
using SplitDns.Server.Tests.Hosting;

namespace SplitDns.Server.Tests.QueryLog;

/// <summary>
/// With the query log on, a blocked answer and a forwarded answer served from the cache still
/// allocate nothing (STYLE rule 10), and their entries say what answered: the list, the cache,
/// and for the first forward the upstream group.
/// </summary>
public sealed class QueryLogBlockingTests : IDisposable
{
    private static readonly IPEndPoint s_home = new(IPAddress.Parse("192.168.1.20"), 40000);

    private readonly string _dir = Directory.CreateTempSubdirectory("splitdns-qlog-block-").FullName;
    private readonly LoopbackUpstream _upstream = new();
    private readonly QueryLogRecorder _recorder = new(new QueryLogSettings { Enabled = true });
    private readonly Harness _h;

    public QueryLogBlockingTests()
    {
        File.WriteAllText(Path.Combine(_dir, "ads.txt"), "ads.blocked.test\n");
        (ServerSettings settings, List<string> errors) = SettingsFromArgs.Read(
        [
            $"--SplitDns:Forwarders:Upstream={_upstream.EndPoint}",
            "--SplitDns:Forwarders:TryTimeoutMs=5000", "--SplitDns:Forwarders:DeadlineMs=15000",
            "--SplitDns:RecursionAcl=192.168.0.0/16",
            $"--SplitDns:Blocking:CacheDirectory={_dir}/cache",
            $"--SplitDns:Blocking:Lists:ads={_dir}/ads.txt",
            "--SplitDns:Views:0:Name=home", "--SplitDns:Views:0:Networks=192.168.0.0/16",
            "--SplitDns:Views:0:Blocking:Mode=NxDomain",
        ]);
        Assert.Empty(errors);
        _h = new Harness(settings, s => s.AddSingleton(_recorder));
        _h.Get<BlocklistCatalog>().LoadLocalAsync(CancellationToken.None).GetAwaiter().GetResult();
        _h.SetClient(s_home.Serialize());
    }

    private static void Rd(DnsMessage query) => query.Header.RecursionDesired = true;

    private List<QueryLogEntry> Drain()
    {
        var entries = new List<QueryLogEntry>();
        while (entries.Count < _recorder.Ring.Capacity && _recorder.Ring.TryRead(out QueryLogEntry e))
        {
            entries.Add(e);
        }

        return entries;
    }

    [Fact]
    public void BlockedAnswer_LogOn_AllocatesNothingAndNamesTheList()
    {
        byte[] query = Harness.BuildQuery("ads.blocked.test.", RecordType.A, edit: Rd);
        Assert.Equal(DnsRcode.NxDomain, DnsMessage.Parse(_h.Send(query)!).Rcode);
        QueryLogEntry e = Assert.Single(Drain());
        Assert.Equal(AnswerSource.Blocked, e.Source);
        Assert.Equal("ads", e.BlockedList);
        Assert.Equal("home", e.View);
        Assert.Equal(15, e.ExtendedError);

        Assert.Equal(0, _h.MeasureAllocations(query));
        Assert.All(Drain(), x => Assert.Equal(AnswerSource.Blocked, x.Source));
    }

    [Fact]
    public void ForwardedThenCached_LogOn_CacheHitAllocatesNothing()
    {
        byte[] query = Harness.BuildQuery("allowed.test.", RecordType.A, edit: Rd);
        Assert.Equal(DnsRcode.NoError, DnsMessage.Parse(_h.Send(query)!).Rcode);
        QueryLogEntry first = Assert.Single(Drain());
        Assert.Equal(AnswerSource.Forwarded, first.Source);
        Assert.NotNull(first.Upstream);

        Assert.Equal(0, _h.MeasureAllocations(query));
        List<QueryLogEntry> cached = Drain();
        Assert.Equal(110, cached.Count);
        Assert.All(cached, x => Assert.Equal(AnswerSource.Cached, x.Source));
        Assert.All(cached, x => Assert.Null(x.Upstream));
    }

    public void Dispose()
    {
        _h.Dispose();
        _upstream.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
