using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using SplitDns.Integration.Tests.Forwarding;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Hosting;

namespace SplitDns.Integration.Tests.Api.Config;

/// <summary>
/// The real server in-process for the runtime configuration tests: zone example.com from a file,
/// a TSIG key "cfgkey" from configuration, upstream forwarders = fake upstream A (answers A
/// 198.51.100.1), a SQLite store in <see cref="Folder"/> (or a PostgreSQL connection string), and the
/// API with an admin token. <see cref="RestartAsync"/> stops it and starts it again on the same store.
/// </summary>
internal sealed class ConfigServer : IAsyncDisposable
{
    public const string AdminToken = "config-admin-token-0123456789";
    public const string CfgKeySecret = "c2VjcmV0LWZvci1jb25maWctdGVzdHMtMDEyMzQ1Njc4OQ==";

    private const string Zone = """
        $TTL 300
        @      IN SOA ns1 hostmaster 1 3600 600 604800 300
               IN NS  ns1
        ns1    IN A   192.0.2.53
        """;

    private readonly string? _postgres;
    private readonly bool _ownsUpstreams;
    private WebApplication? _app;

    private ConfigServer(string? postgres, FakeUpstreamServer? a, FakeUpstreamServer? b, FakeUpstreamServer? c)
    {
        _postgres = postgres;
        _ownsUpstreams = a is null;
        UpstreamA = a ?? new FakeUpstreamServer(q => Answer(q, "198.51.100.1"));
        UpstreamB = b ?? new FakeUpstreamServer(q => Answer(q, "198.51.100.2"));
        Conditional = c ?? new FakeUpstreamServer(q => Answer(q, "198.51.100.3"));
        Http = new HttpClient { BaseAddress = new Uri($"http://{Dns.Address}:{Dns.Port + 1}"), Timeout = TimeSpan.FromSeconds(20) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("splitdns-config-it-").FullName;

    public IPEndPoint Dns { get; } = new(FakeUpstreamServer.NextAddress(), 20000 + Random.Shared.Next(30000));

    public FakeUpstreamServer UpstreamA { get; }

    public FakeUpstreamServer UpstreamB { get; }

    public FakeUpstreamServer Conditional { get; }

    /// <summary>Authenticated as the administrator.</summary>
    public HttpClient Http { get; }

    public static async Task<ConfigServer> StartAsync(string? postgres = null, ConfigServer? sharing = null)
    {
        var server = new ConfigServer(postgres, sharing?.UpstreamA, sharing?.UpstreamB, sharing?.Conditional);
        await server.StartAppAsync();
        return server;
    }

    public async Task RestartAsync()
    {
        await StopAppAsync();
        await StartAppAsync();
    }

    private async Task StartAppAsync()
    {
        File.WriteAllText(Path.Combine(Folder, "example.com.zone"), Zone);
        string[] store = _postgres is null
            ? [$"--SplitDns:Store:Path={Folder}/data/splitdns.db"]
            : ["--SplitDns:Store:Provider=Postgres", $"--SplitDns:Store:ConnectionString={_postgres}",
               "--SplitDns:Store:CatchUpIntervalSeconds=1", $"--SplitDns:Store:SnapshotCache={Folder}/cache"];
        string[] args =
        [
            "--SplitDns:Domain=example.com",
            $"--SplitDns:ZoneDirectory={Folder}",
            "--SplitDns:Zones:0:File=example.com.zone",
            $"--SplitDns:Listen:Dns={Dns}",
            $"--SplitDns:Listen:Http={Dns.Address}:{Dns.Port + 1}",
            "--SplitDns:WatchZoneFiles=false",
            "--SplitDns:Udp:ReceiveLoops=1",
            $"--SplitDns:Forwarders:Upstream={UpstreamA.EndPoint}",
            "--SplitDns:Forwarders:Cache:Enabled=false",
            "--SplitDns:RecursionAcl=127.0.0.0/8",
            "--Logging:LogLevel:Default=Warning",
            "--SplitDns:Tsig:Keys:0:Name=cfgkey",
            $"--SplitDns:Tsig:Keys:0:Secret={CfgKeySecret}",
            $"--SplitDns:Api:AdminToken={AdminToken}",
            .. store,
        ];
        _app = SplitDnsHost.Build(args, includeDefaults: false);
        await _app.StartAsync();
    }

    private async Task StopAppAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAppAsync();
        Http.Dispose();
        if (_ownsUpstreams)
        {
            UpstreamA.Dispose();
            UpstreamB.Dispose();
            Conditional.Dispose();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>dig +short-free output (full), recursion desired, from the server's own address.</summary>
    public Task<string> DigAsync(params string[] args) =>
        DigClient.RunAsync("dig", [$"@{Dns.Address}", "-p", Dns.Port.ToString(CultureInfo.InvariantCulture), "+tries=1", "+time=5", .. args]);

    public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, object? body = null, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = body is string text ? new StringContent(text, System.Text.Encoding.UTF8, "application/json") : JsonContent.Create(body);
        }

        using HttpResponseMessage response = await (client ?? Http).SendAsync(request);
        string json = await response.Content.ReadAsStringAsync();
        JsonElement element = json.Length == 0 ? default : JsonDocument.Parse(json).RootElement.Clone();
        return (response.StatusCode, element);
    }

    private static DnsMessage Answer(DnsMessage query, string address)
    {
        DnsMessage r = query.CreateResponse();
        r.Header.RecursionAvailable = true;
        DnsQuestion q = query.Questions[0];
        if (q.Type == RecordType.A)
        {
            r.Answers.Add(new ResourceRecord(q.Name, 60, new ARdata(IPAddress.Parse(address))));
        }

        return r;
    }
}
