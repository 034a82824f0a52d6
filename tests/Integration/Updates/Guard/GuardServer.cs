using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SplitDns.Integration.Tests.Api.Auth;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Server.Hosting;
using SplitDns.Tests.Shared;

namespace SplitDns.Integration.Tests.Updates.Guard;

/// <summary>
/// The real server in-process for the mass-deletion guard: one zone per test (each its own key
/// and zone scope, so tests never add up), each with <see cref="Hosts"/> A records, the
/// external-dns preset for key "externaldns" (the guard on by default), SQLite store, an admin
/// API token, log lines recorded. "off.test" sets the grant's MassDeletionGuard to false and
/// grants key "other" without the preset (off by default); "big.test" has 60 hosts.
/// </summary>
public sealed class GuardServer : IAsyncLifetime
{
    public const string AdminToken = "guard-admin-token-0123456789";
    public const string KeyName = "externaldns";
    public const string Secret = "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0MTI=";
    public const string OtherSecret = "b3RoZXJvdGhlcm90aGVyb3RoZXJvdGhlcm90aGVyMTI=";
    public const int Hosts = 20;

    /// <summary>Zones with the preset and the guard's defaults.</summary>
    public static readonly string[] GuardedZones = ["hold.test", "ede.test", "burst.test", "cli.test", "replica.test"];

    private WebApplication? _app;

    public string Folder { get; } = Directory.CreateTempSubdirectory("splitdns-guard-it-").FullName;

    public IPAddress Address { get; } = LoopbackAddress.Next();

    public int Port { get; private set; }

    public int HttpPort { get; private set; }

    public Uri Http => new($"http://{Address}:{HttpPort}");

    public IPEndPoint EndPoint => new(Address, Port);

    public ConcurrentQueue<string> LogLines { get; } = new();

    public async Task InitializeAsync()
    {
        Port = LoopbackAddress.FreePort(Address);
        HttpPort = LoopbackAddress.FreePort(Address);
        var args = new List<string>
        {
            "--SplitDns:Domain=example.com",
            $"--SplitDns:ZoneDirectory={Folder}",
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
            "--SplitDns:Tsig:Keys:1:Name=other",
            "--SplitDns:Tsig:Keys:1:Algorithm=hmac-sha256",
            $"--SplitDns:Tsig:Keys:1:Secret={OtherSecret}",
            $"--SplitDns:Store:Path={Path.Combine(Folder, "data", "splitdns.db")}",
            $"--SplitDns:Api:AdminToken={AdminToken}",
        };
        int i = 0;
        foreach (string zone in GuardedZones)
        {
            AddZone(args, i++, zone, Hosts);
        }

        AddZone(args, i, "big.test", 60);
        AddZone(args, ++i, "off.test", Hosts);
        args.Add($"--SplitDns:Zones:{i}:Updates:0:MassDeletionGuard=false");
        args.Add($"--SplitDns:Zones:{i}:Updates:1:Key=other");
        args.Add($"--SplitDns:Zones:{i}:Updates:1:Names:0=**");
        _app = SplitDnsHost.Build([.. args], includeDefaults: false,
            services => services.AddLogging(b => b.AddProvider(new RecordingLoggerProvider(LogLines))));
        await _app.StartAsync();
    }

    private void AddZone(List<string> args, int index, string origin, int hosts)
    {
        var zone = new StringBuilder($"""
            $TTL 300
            @    IN SOA ns1 hostmaster 1 3600 600 604800 300
                 IN NS  ns1
            ns1  IN A   192.0.2.53

            """);
        for (int h = 0; h < hosts; h++)
        {
            zone.Append(CultureInfo.InvariantCulture, $"h{h} IN A 10.0.{h / 250}.{h % 250 + 1}\n");
        }

        File.WriteAllText(Path.Combine(Folder, origin + ".zone"), zone.ToString());
        args.Add($"--SplitDns:Zones:{index}:File={origin}.zone");
        args.Add($"--SplitDns:Zones:{index}:Origin={origin}.");
        args.Add($"--SplitDns:Zones:{index}:Updates:0:Preset=external-dns");
        args.Add($"--SplitDns:Zones:{index}:Updates:0:Key={KeyName}");
        args.Add($"--SplitDns:Zones:{index}:Transfer:Networks:0=127.0.0.0/8");
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

    /// <summary>The server's services (the admin store another replica would share).</summary>
    public IServiceProvider Services => _app!.Services;

    public HttpClient Client(string? token = AdminToken)
    {
        var http = new HttpClient { BaseAddress = Http, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    /// <summary>nsupdate signed with <paramref name="key"/>'s secret: "server" and "zone" lines added, then "send".</summary>
    internal Task<ToolResult> NsupdateAsync(string zone, string commands, string key = KeyName) =>
        ClientTool.RunAsync("nsupdate", ["-y", $"hmac-sha256:{key}:{(key == KeyName ? Secret : OtherSecret)}"],
            $"server {Address} {Port}\nzone {zone}.\n{commands}\nsend\n", TimeSpan.FromSeconds(20));

    /// <summary>"update delete hN.zone A" lines for hosts <paramref name="from"/>..<paramref name="to"/>-1.</summary>
    public static string Deletes(string zone, int from, int to) =>
        string.Join('\n', Enumerable.Range(from, to - from).Select(h => $"update delete h{h}.{zone}. A"));

    /// <summary>How many of the zone's hN hosts answer with an A record (one AXFR).</summary>
    public async Task<int> HostsLeftAsync(string zone)
    {
        ToolResult r = await ClientTool.RunAsync("dig", [$"@{Address}", "-p", Port.ToString(CultureInfo.InvariantCulture),
            "+tries=1", "+time=5", "+noall", "+answer", "AXFR", zone + "."], null, TimeSpan.FromSeconds(20));
        Assert.True(r.ExitCode == 0, r.ToString());
        return r.StandardOutput.Split('\n').Count(l => l.StartsWith('h') && l.Contains("\tA\t", StringComparison.Ordinal));
    }

    public async Task<string> MetricsAsync()
    {
        using HttpClient http = Client(null);
        return await http.GetStringAsync("/metrics");
    }
}
