using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SplitDns.Integration.Tests.Forwarding;
using SplitDns.Server.Hosting;

namespace SplitDns.Integration.Tests.Api.Auth;

/// <summary>
/// The real server in-process for the auth tests: zone example.com, SQLite store in
/// <see cref="Folder"/> (or the given PostgreSQL database), API on HTTP, a test clock and the log
/// lines at Warning and above recorded. Restartable on the same folder (bootstrap tests).
/// </summary>
public sealed class AuthServer : IAsyncDisposable
{
    public const string AdminToken = "auth-test-admin-token-0123456789";
    public const string AdminPassword = "auth-test-password-0123";

    private const string Zone = """
        $TTL 300
        @      IN SOA ns1 hostmaster 1 3600 600 604800 300
               IN NS  ns1
        ns1    IN A   192.0.2.53
        """;

    private readonly string[] _extraArgs;
    private readonly bool _ownsFolder;
    private WebApplication? _app;

    public AuthServer(string[] extraArgs, string? folder = null, ManualClock? clock = null)
    {
        _extraArgs = extraArgs;
        _ownsFolder = folder is null;
        Folder = folder ?? Directory.CreateTempSubdirectory("splitdns-auth-it-").FullName;
        Clock = clock ?? new ManualClock();
        Client = new HttpClient { BaseAddress = Http };
    }

    public string Folder { get; }

    public ManualClock Clock { get; }

    public IPEndPoint Dns { get; } = new(FakeUpstreamServer.NextAddress(), 20000 + Random.Shared.Next(30000));

    public Uri Http => new($"http://{Dns.Address}:{Dns.Port + 1}");

    public HttpClient Client { get; }

    public string StorePath => Path.Combine(Folder, "data", "splitdns.db");

    /// <summary>Every log line at Warning or above since the last start, "Category: message".</summary>
    public ConcurrentQueue<string> Logs { get; private set; } = new();

    public IServiceProvider Services => _app!.Services;

    /// <summary>Configuration with the admin token and password, SQLite store.</summary>
    public static Task<AuthServer> StartWithAdminAsync(params string[] extra) =>
        StartNewAsync([$"--SplitDns:Api:AdminToken={AdminToken}", $"--SplitDns:Api:AdminPassword={AdminPassword}", .. extra]);

    public static async Task<AuthServer> StartNewAsync(string[] args, string? folder = null)
    {
        var server = new AuthServer(args, folder);
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        File.WriteAllText(Path.Combine(Folder, "example.com.zone"), Zone);
        Logs = new ConcurrentQueue<string>();
        string[] args =
        [
            "--SplitDns:Domain=example.com",
            $"--SplitDns:ZoneDirectory={Folder}",
            "--SplitDns:Zones:0:File=example.com.zone",
            $"--SplitDns:Listen:Dns={Dns}",
            $"--SplitDns:Listen:Http={Dns.Address}:{Dns.Port + 1}",
            "--SplitDns:WatchZoneFiles=false",
            "--SplitDns:Udp:ReceiveLoops=1",
            "--SplitDns:Forwarders:Upstream=127.0.0.1:9",
            "--SplitDns:RecursionAcl=127.0.0.0/8",
            "--SplitDns:Blocking:Lists:stevenblack=",
            $"--SplitDns:Blocking:CacheDirectory={Folder}/cache",
            "--Logging:LogLevel:Default=Warning",
            .. _extraArgs.Any(a => a.StartsWith("--SplitDns:Store:", StringComparison.Ordinal)) ? [] : new[] { $"--SplitDns:Store:Path={StorePath}" },
            .. _extraArgs,
        ];
        ConcurrentQueue<string> logs = Logs;
        _app = SplitDnsHost.Build(args, includeDefaults: false, services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<ILoggerProvider>(new RecordingLoggerProvider(logs));
        });
        await _app.StartAsync();
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    /// <summary>A request with <paramref name="token"/> as Bearer (none when null) and an optional JSON body.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is string raw)
        {
            request.Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return Client.SendAsync(request);
    }

    /// <summary>POST /api/v1/tokens with the admin token; returns the new token's secret.</summary>
    public async Task<string> CreateTokenAsync(string name, string role = "admin", int? days = null, string token = AdminToken)
    {
        using HttpResponseMessage r = await SendAsync(HttpMethod.Post, "/api/v1/tokens", token,
            new Dictionary<string, object?> { ["name"] = name, ["role"] = role, ["expires_in_days"] = days });
        string text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>The status of GET /api/v1/whoami with <paramref name="token"/>.</summary>
    public async Task<HttpStatusCode> WhoAmIStatusAsync(string? token)
    {
        using HttpResponseMessage r = await SendAsync(HttpMethod.Get, "/api/v1/whoami", token);
        return r.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Client.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_ownsFolder)
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
