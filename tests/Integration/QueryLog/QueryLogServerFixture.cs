using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SplitDns.Integration.Tests.Forwarding;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Hosting;
using SplitDns.Server.QueryLog;

namespace SplitDns.Integration.Tests.QueryLog;

/// <summary>
/// The real server with the query log on (SQLite in a temp folder, flushed every 50 ms, API on):
/// zone example.com, a hosts blocklist "ads" for the one view "home" (127.0.0.0/8, NXDOMAIN), and a
/// fake upstream on 127.0.3.x answering A 198.51.100.1. Subclasses change the query log settings.
/// </summary>
public class QueryLogServerFixture : IAsyncLifetime
{
    private const string Zone = """
        $TTL 300
        @      IN SOA ns1 hostmaster 1 3600 600 604800 300
               IN NS  ns1
        ns1    IN A   192.0.2.53
        www    IN A   192.0.2.80
        """;

    private WebApplication? _app;

    public string Folder { get; } = Directory.CreateTempSubdirectory("splitdns-qlog-it-").FullName;

    internal FakeUpstreamServer Upstream { get; } = new(Answer);

    public IPEndPoint Dns { get; } = new(FakeUpstreamServer.NextAddress(), 20000 + Random.Shared.Next(30000));

    public Uri Http => new($"http://{Dns.Address}:{Dns.Port + 1}");

    public IServiceProvider Services => _app!.Services;

    /// <summary>The administrator token the fixture configures (SplitDns:Api:AdminToken).</summary>
    public const string AdminToken = "test-admin-token-0123456789";

    public QueryLogMetrics Metrics => Services.GetRequiredService<QueryLogRecorder>().Metrics;

    public IQueryLogStore Store => Services.GetRequiredService<IQueryLogStore>();

    protected virtual IEnumerable<string> QueryLogArgs =>
    [
        "--SplitDns:QueryLog:Enabled=true",
        "--SplitDns:QueryLog:Api=true",
        "--SplitDns:QueryLog:FlushIntervalMilliseconds=50",
        $"--SplitDns:QueryLog:Path={Folder}/data/querylog.db",
    ];

    protected virtual IEnumerable<string> StoreArgs => [$"--SplitDns:Store:Path={Folder}/data/splitdns.db"];

    public virtual async Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(Folder, "example.com.zone"), Zone);
        File.WriteAllText(Path.Combine(Folder, "ads.hosts"), "0.0.0.0 ads.blocked.test\n");
        string[] args =
        [
            "--SplitDns:Domain=example.com",
            $"--SplitDns:ZoneDirectory={Folder}",
            "--SplitDns:Zones:0:File=example.com.zone",
            $"--SplitDns:Listen:Dns={Dns}",
            $"--SplitDns:Listen:Http={Dns.Address}:{Dns.Port + 1}",
            "--SplitDns:WatchZoneFiles=false",
            "--SplitDns:Udp:ReceiveLoops=1",
            $"--SplitDns:Forwarders:Upstream={Upstream.EndPoint}",
            "--SplitDns:RecursionAcl=127.0.0.0/8",
            "--Logging:LogLevel:Default=Warning",
            "--SplitDns:Blocking:Lists:stevenblack=",
            $"--SplitDns:Blocking:CacheDirectory={Folder}/cache",
            $"--SplitDns:Blocking:Lists:ads={Folder}/ads.hosts",
            "--SplitDns:Views:0:Name=home",
            "--SplitDns:Views:0:Networks=127.0.0.0/8",
            "--SplitDns:Views:0:Blocking:Mode=NxDomain",
            $"--SplitDns:Api:AdminToken={AdminToken}",
            .. StoreArgs,
            .. QueryLogArgs,
        ];
        _app = SplitDnsHost.Build(args, includeDefaults: false);
        await _app.StartAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Upstream.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>dig from <paramref name="source"/> (a loopback address of its own), recursion desired.</summary>
    public Task<string> DigFromAsync(IPAddress source, params string[] args) =>
        DigClient.RunAsync("dig", [$"@{Dns.Address}", "-p", Dns.Port.ToString(CultureInfo.InvariantCulture),
            "-b", source.ToString(), "+tries=1", "+time=5", .. args]);

    /// <summary>Waits (at most 10 s) until the search finds <paramref name="count"/> rows, and returns them.</summary>
    public async Task<IReadOnlyList<QueryLogRow>> WaitForRowsAsync(QueryLogSearch search, int count = 1)
    {
        IReadOnlyList<QueryLogRow> rows = [];
        for (int i = 0; i < 200 && rows.Count < count; i++)
        {
            rows = (await Store.SearchAsync(search, default)).Rows;
            if (rows.Count < count)
            {
                await Task.Delay(50);
            }
        }

        return rows;
    }

    private static DnsMessage Answer(DnsMessage query)
    {
        DnsMessage response = query.CreateResponse();
        response.Header.RecursionAvailable = true;
        DnsQuestion q = query.Questions[0];
        if (q.Type == RecordType.A)
        {
            response.Answers.Add(new ResourceRecord(q.Name, 300, new ARdata(IPAddress.Parse("198.51.100.1"))));
        }

        return response;
    }
}
