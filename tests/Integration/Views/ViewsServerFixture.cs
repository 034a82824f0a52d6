using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using SplitDns.Integration.Tests.Forwarding;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Hosting;

namespace SplitDns.Integration.Tests.Views;

/// <summary>
/// The real server with views, every client on its own loopback source address (dig -b):
/// home 127.66.1.0/24 (default forwarders, lan → the fake router), pods 127.66.2.0/24 (its own
/// upstream, no lan forwarder), tailscale 127.66.3.0/24 (its own copy of example.com), guests
/// 127.66.4.0/24 (no recursion), vip2 (first: every query on a second listener), and the catch-all default.
/// </summary>
public class ViewsServerFixture : IAsyncLifetime
{
    public const string Secret = "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0MTI=";

    private const string SharedZone = """
        $TTL 300
        @        IN SOA ns1 hostmaster 1 3600 600 604800 300
                 IN NS  ns1
        ns1      IN A   192.0.2.53
        internal IN A   192.168.1.72
        grafana  IN CNAME internal
        *        IN A   192.168.1.58
        """;

    private const string TailscaleZone = """
        $TTL 300
        @        IN SOA ns1 hostmaster 1 3600 600 604800 300
                 IN NS  ns1
        ns1      IN A   100.64.0.53
        internal IN A   100.64.0.72
        grafana  IN CNAME internal
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("splitdns-views-").FullName;
    private WebApplication? _app;

    public static IPAddress Home { get; } = IPAddress.Parse("127.66.1.10");

    public static IPAddress Pods { get; } = IPAddress.Parse("127.66.2.10");

    public static IPAddress Tailscale { get; } = IPAddress.Parse("127.66.3.10");

    public static IPAddress Guests { get; } = IPAddress.Parse("127.66.4.10");

    /// <summary>A client no view names: the catch-all default view.</summary>
    public static IPAddress Other { get; } = IPAddress.Parse("127.66.9.10");

    internal FakeUpstreamServer Upstream { get; } = new(q => FakeAnswers.A(q, "198.51.100.1"));

    internal FakeUpstreamServer PodUpstream { get; } = new(q => FakeAnswers.A(q, "198.51.100.3"));

    internal FakeUpstreamServer Router { get; } = new(q => FakeAnswers.A(q, "198.51.100.2"));

    public IPEndPoint Dns { get; } = new(FakeUpstreamServer.NextAddress(), 20000 + Random.Shared.Next(30000));

    /// <summary>The second listener (view vip2 matches queries that arrive on it).</summary>
    public IPEndPoint Vip2 => new(Dns.Address, Dns.Port + 2);

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_dir, "example.com.zone"), SharedZone);
        File.WriteAllText(Path.Combine(_dir, "example.com.tailscale.zone"), TailscaleZone);
        _app = SplitDnsHost.Build([.. Args()], includeDefaults: false);
        await _app.StartAsync();
    }

    private IEnumerable<string> Args()
    {
        string[] common =
        [
            "--SplitDns:Domain=example.com",
            $"--SplitDns:ZoneDirectory={_dir}",
            "--SplitDns:Zones:0:File=example.com.zone",
            "--SplitDns:Zones:0:Updates:0:Preset=external-dns",
            "--SplitDns:Zones:0:Updates:0:Key=externaldns",
            $"--SplitDns:Listen:Dns={Dns}",
            $"--SplitDns:Listen:Http={Dns.Address}:{Dns.Port + 1}",
            "--SplitDns:WatchZoneFiles=false",
            "--SplitDns:Udp:ReceiveLoops=1",
            $"--SplitDns:Store:Path={_dir}/data/splitdns.db",
            "--SplitDns:Tsig:Keys:0:Name=externaldns",
            $"--SplitDns:Tsig:Keys:0:Secret={Secret}",
            "--SplitDns:Tsig:Keys:1:Name=tailscale-admin",
            $"--SplitDns:Tsig:Keys:1:Secret={Secret}",
            $"--SplitDns:Forwarders:Upstream={Upstream.EndPoint}",
            $"--SplitDns:Forwarders:Conditional:lan={Router.EndPoint}",
            "--SplitDns:RecursionAcl=127.0.0.0/8",
            "--Logging:LogLevel:Default=Warning",
        ];
        string[] views =
        [
            // First: a second VIP (its own listener) is its own view, whoever the client is.
            "--SplitDns:Views:0:Name=vip2",
            $"--SplitDns:Views:0:Listen={Vip2}",
            "--SplitDns:Views:0:SharedZones=",
            "--SplitDns:Views:1:Name=home",
            "--SplitDns:Views:1:Networks=127.66.1.0/24",
            "--SplitDns:Views:2:Name=pods",
            "--SplitDns:Views:2:Networks=127.66.2.0/24",
            $"--SplitDns:Views:2:Forwarders:Upstream={PodUpstream.EndPoint}",
            "--SplitDns:Views:2:Forwarders:Conditional:lan=",
            "--SplitDns:Views:3:Name=tailscale",
            "--SplitDns:Views:3:Networks=127.66.3.0/24",
            "--SplitDns:Views:3:Zones:0:File=example.com.tailscale.zone",
            "--SplitDns:Views:3:Zones:0:Updates:0:Key=tailscale-admin",
            "--SplitDns:Views:3:Zones:0:Updates:0:Names:0=**",
            "--SplitDns:Views:3:Zones:0:Transfer:Networks=127.66.3.0/24",
            "--SplitDns:Views:4:Name=guests",
            "--SplitDns:Views:4:Networks=127.66.4.0/24",
            "--SplitDns:Views:4:Recursion=false",
        ];
        return [.. common, .. views, .. ExtraArgs()];
    }

    /// <summary>More settings for a fixture built on this one (they win over the ones above).</summary>
    protected virtual IEnumerable<string> ExtraArgs() => [];

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Upstream.Dispose();
        PodUpstream.Dispose();
        Router.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>dig from <paramref name="source"/> (its own loopback address), with recursion desired.</summary>
    public async Task<DigResult> DigFromAsync(IPAddress source, params string[] args) =>
        DigResult.Parse(await DigClient.RunAsync("dig", [$"@{Dns.Address}", "-p", Dns.Port.ToString(CultureInfo.InvariantCulture),
            "-b", source.ToString(), "+tries=1", "+time=5", .. args]));

    /// <summary>nsupdate from <paramref name="source"/>, signed with <paramref name="key"/>.</summary>
    internal Task<SplitDns.Tests.Shared.ToolResult> NsupdateFromAsync(IPAddress source, string key, string script) =>
        SplitDns.Tests.Shared.ClientTool.RunAsync("nsupdate", ["-y", $"hmac-sha256:{key}:{Secret}"],
            $"server {Dns.Address} {Dns.Port}\nlocal {source}\nzone example.com\n{script}\nsend\n", TimeSpan.FromSeconds(20));
}

/// <summary>Answers of the fake upstreams: an A record for A questions, NODATA otherwise.</summary>
internal static class FakeAnswers
{
    public static DnsMessage A(DnsMessage query, string address)
    {
        DnsMessage response = query.CreateResponse();
        response.Header.RecursionAvailable = true;
        DnsQuestion q = query.Questions[0];
        if (q.Type == RecordType.A)
        {
            response.Answers.Add(new ResourceRecord(q.Name, 300, new ARdata(IPAddress.Parse(address))));
        }

        return response;
    }
}
