using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SplitDns.Integration.Tests.Forwarding;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Integration.Tests.Views;
using SplitDns.Server.Hosting;
using SplitDns.Server.QueryLog;

namespace SplitDns.Integration.Tests.Api.Operations;

/// <summary>
/// The real server for the explain and operations routes, every client on its own loopback
/// address (dig -b): shared zone example.com with a wildcard *.example.com A 192.0.2.58;
/// view home (127.77.1.0/24, blocklist file "ads", NXDOMAIN), view tailscale (127.77.3.0/24,
/// its own example.com with grafana A 100.64.0.10), view guests (127.77.4.0/24, no recursion),
/// the implicit catch-all default; a fake upstream and a fake router for the conditional
/// forwarder lan.example.com on 127.0.3.x; the query log on (SQLite, flushed every 50 ms).
/// </summary>
public class OperationsServerFixture : IAsyncLifetime
{
    public const string AdminToken = "test-admin-token-explain-0123456789";

    private const string SharedZone = """
        $TTL 300
        @        IN SOA ns1 hostmaster 1 3600 600 604800 300
                 IN NS  ns1
        ns1      IN A   192.0.2.53
        www      IN A   192.0.2.80
        alias    IN CNAME www
        delegated IN NS ns.delegated
        ns.delegated IN A 192.0.2.99
        moved    IN DNAME example.net.
        *        IN A   192.0.2.58
        """;

    private const string TailscaleZone = """
        $TTL 300
        @        IN SOA ns1 hostmaster 1 3600 600 604800 300
                 IN NS  ns1
        ns1      IN A   100.64.0.53
        grafana  IN A   100.64.0.10
        """;

    private WebApplication? _app;

    public static IPAddress Home { get; } = IPAddress.Parse("127.77.1.10");

    public static IPAddress Tailscale { get; } = IPAddress.Parse("127.77.3.10");

    public static IPAddress Guests { get; } = IPAddress.Parse("127.77.4.10");

    public static IPAddress Other { get; } = IPAddress.Parse("127.77.9.10");

    public string Folder { get; } = Directory.CreateTempSubdirectory("splitdns-ops-it-").FullName;

    public string AdsFile => Path.Combine(Folder, "ads.hosts");

    internal FakeUpstreamServer Upstream { get; } = new(q => FakeAnswers.A(q, "198.51.100.1"));

    internal FakeUpstreamServer Router { get; } = new(q => FakeAnswers.A(q, "198.51.100.2"));

    public IPEndPoint Dns { get; } = new(FakeUpstreamServer.NextAddress(), 20000 + Random.Shared.Next(30000));

    public Uri Http => new($"http://{Dns.Address}:{Dns.Port + 1}");

    public IServiceProvider Services => _app!.Services;

    public IQueryLogStore QueryLog => Services.GetRequiredService<IQueryLogStore>();

    public async Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(Folder, "example.com.zone"), SharedZone);
        File.WriteAllText(Path.Combine(Folder, "example.com.tailscale.zone"), TailscaleZone);
        File.WriteAllText(AdsFile, "0.0.0.0 ads.blocked.test\n");
        string[] args =
        [
            "--SplitDns:Domain=example.com",
            $"--SplitDns:ZoneDirectory={Folder}",
            "--SplitDns:Zones:0:File=example.com.zone",
            $"--SplitDns:Listen:Dns={Dns}",
            $"--SplitDns:Listen:Http={Dns.Address}:{Dns.Port + 1}",
            "--SplitDns:WatchZoneFiles=false",
            "--SplitDns:Udp:ReceiveLoops=1",
            $"--SplitDns:Store:Path={Folder}/data/splitdns.db",
            $"--SplitDns:Forwarders:Upstream={Upstream.EndPoint}",
            $"--SplitDns:Forwarders:Conditional:lan={Router.EndPoint}",
            "--SplitDns:RecursionAcl=127.0.0.0/8",
            "--Logging:LogLevel:Default=Warning",
            "--SplitDns:Blocking:Lists:stevenblack=",
            $"--SplitDns:Blocking:CacheDirectory={Folder}/cache",
            $"--SplitDns:Blocking:Lists:ads={AdsFile}",
            "--SplitDns:Views:0:Name=home",
            "--SplitDns:Views:0:Networks=127.77.1.0/24",
            "--SplitDns:Views:0:Blocking:Mode=NxDomain",
            "--SplitDns:Views:1:Name=tailscale",
            "--SplitDns:Views:1:Networks=127.77.3.0/24",
            "--SplitDns:Views:1:Zones:0:File=example.com.tailscale.zone",
            "--SplitDns:Views:2:Name=guests",
            "--SplitDns:Views:2:Networks=127.77.4.0/24",
            "--SplitDns:Views:2:Recursion=false",
            "--SplitDns:QueryLog:Enabled=true",
            "--SplitDns:QueryLog:Api=true",
            "--SplitDns:QueryLog:FlushIntervalMilliseconds=50",
            $"--SplitDns:QueryLog:Path={Folder}/data/querylog.db",
            $"--SplitDns:Api:AdminToken={AdminToken}",
        ];
        _app = SplitDnsHost.Build(args, includeDefaults: false);
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Upstream.Dispose();
        Router.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>An HTTP client for the API; with the admin token unless <paramref name="token"/> is false.</summary>
    public HttpClient Client(bool token = true)
    {
        var client = new HttpClient { BaseAddress = Http };
        if (token)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        }

        return client;
    }

    /// <summary>GETs <paramref name="path"/> with the admin token and returns the status and the JSON body.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        using HttpClient client = Client();
        using HttpResponseMessage response = await client.GetAsync(path);
        return (response.StatusCode, await BodyAsync(response));
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using HttpClient client = Client();
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using HttpResponseMessage response = await client.SendAsync(request);
        return (response.StatusCode, await BodyAsync(response));
    }

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>dig from <paramref name="source"/> (its own loopback address), with recursion desired.</summary>
    public async Task<DigResult> DigFromAsync(IPAddress source, params string[] args) =>
        DigResult.Parse(await DigClient.RunAsync("dig", [$"@{Dns.Address}", "-p", Dns.Port.ToString(CultureInfo.InvariantCulture),
            "-b", source.ToString(), "+tries=1", "+time=5", .. args]));

    /// <summary>Waits (at most 10 s) until the query log holds a row for <paramref name="name"/>.</summary>
    public async Task<IReadOnlyList<QueryLogRow>> WaitForLogAsync(string name, int count = 1)
    {
        IReadOnlyList<QueryLogRow> rows = [];
        for (int i = 0; i < 200 && rows.Count < count; i++)
        {
            rows = (await QueryLog.SearchAsync(new QueryLogSearch { Name = name }, default)).Rows;
            if (rows.Count < count)
            {
                await Task.Delay(50);
            }
        }

        return rows;
    }
}
