using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Server.Hosting;
using SplitDns.Tests.Shared;

namespace SplitDns.Integration.Tests.Api.Zones;

/// <summary>
/// The real server in-process for the zones API: example.com from a zone file, SQLite store in a
/// temp folder, an admin token, TSIG key "ext-key" with the external-dns grant (nsupdate), AXFR
/// open to loopback, forwarders pointed at a closed loopback port (no packet leaves the host).
/// </summary>
public sealed class ZonesServer : IAsyncLifetime
{
    public const string AdminToken = "zones-admin-token-0123456789";
    public const string KeyName = "ext-key";
    public const string Secret = "c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0wMTIzNDU2Nzg5YWJjZGVm";

    private const string Zone = """
        $TTL 300
        @      IN SOA ns1 hostmaster 1 3600 600 604800 300
               IN NS  ns1
               IN NS  ns2
        ns1    IN A   192.0.2.53
        ns2    IN A   192.0.2.54
        www    IN A   192.0.2.80
        www    IN A   192.0.2.81
        alias  IN CNAME www
        txt    IN TXT "hello world"
        """;

    private WebApplication? _app;

    public string Folder { get; } = Directory.CreateTempSubdirectory("splitdns-zones-it-").FullName;

    public IPAddress Address { get; } = LoopbackAddress.Next();

    public int Port { get; private set; }

    public int HttpPort { get; private set; }

    public Uri Http => new($"http://{Address}:{HttpPort}");

    public Dig Dig => new(Address, Port);

    public async Task InitializeAsync()
    {
        Port = LoopbackAddress.FreePort(Address);
        HttpPort = LoopbackAddress.FreePort(Address);
        File.WriteAllText(Path.Combine(Folder, "example.com.zone"), Zone);
        string[] args =
        [
            "--SplitDns:Domain=example.com",
            $"--SplitDns:ZoneDirectory={Folder}",
            "--SplitDns:Zones:0:File=example.com.zone",
            $"--SplitDns:Listen:Dns={Address}:{Port}",
            $"--SplitDns:Listen:Http={Address}:{HttpPort}",
            "--SplitDns:WatchZoneFiles=false",
            "--SplitDns:Udp:ReceiveLoops=1",
            "--SplitDns:Forwarders:Upstream=127.0.0.1:9",
            "--SplitDns:Blocking:Lists:stevenblack=",
            "--Logging:LogLevel:Default=Warning",
            $"--SplitDns:Tsig:Keys:0:Name={KeyName}",
            "--SplitDns:Tsig:Keys:0:Algorithm=hmac-sha256",
            $"--SplitDns:Tsig:Keys:0:Secret={Secret}",
            "--SplitDns:Zones:0:Updates:0:Preset=external-dns",
            $"--SplitDns:Zones:0:Updates:0:Key={KeyName}",
            "--SplitDns:Zones:0:Transfer:Networks:0=127.0.0.0/8",
            $"--SplitDns:Store:Path={Path.Combine(Folder, "data", "splitdns.db")}",
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

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>An HTTP client for the API with <paramref name="token"/> (null: none).</summary>
    public HttpClient Client(string? token = AdminToken)
    {
        var http = new HttpClient { BaseAddress = Http, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    /// <summary>The zone's AXFR through dig, one line per record, SOA serial blanked, sorted (for before/after comparisons).</summary>
    public async Task<List<string>> AxfrWithoutSerialAsync()
    {
        ToolResult r = await ClientTool.RunAsync("dig", [$"@{Address}", "-p", Port.ToString(CultureInfo.InvariantCulture),
            "+tries=1", "+time=5", "+nocmd", "+nostats", "+noall", "+answer", "AXFR", "example.com."], null, TimeSpan.FromSeconds(20));
        Assert.Equal(0, r.ExitCode);
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string line in r.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] f = line.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length > 6 && f[3] == "SOA")
            {
                f[6] = "SERIAL";
            }

            lines.Add(string.Join(' ', f));
        }

        Assert.NotEmpty(lines);
        return [.. lines];
    }

    /// <summary>nsupdate signed with the fixture's key; the script's server and zone lines are added here.</summary>
    internal Task<ToolResult> NsupdateAsync(string commands) =>
        ClientTool.RunAsync("nsupdate", ["-y", $"hmac-sha256:{KeyName}:{Secret}"],
            $"server {Address} {Port}\nzone example.com.\n{commands}\nsend\n", TimeSpan.FromSeconds(20));

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public static Task<HttpResponseMessage> PostJsonAsync(HttpClient http, string path, object body) =>
        http.PostAsJsonAsync(path, body);
}
