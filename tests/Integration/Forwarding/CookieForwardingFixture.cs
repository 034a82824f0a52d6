using System.Net;
using Microsoft.AspNetCore.Builder;
using SplitDns.Server.Hosting;

namespace SplitDns.Integration.Tests.Forwarding;

/// <summary>
/// The real server forwarding to cookie-speaking fake upstreams on 127.0.3.x: a plain one (the
/// default upstream) and one that answers BADCOOKIE until it gets its server cookie
/// (strict.test.). Client cookies and Forwarders:Cookies are on (the defaults, set explicitly).
/// </summary>
public sealed class CookieForwardingFixture : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("splitdns-fwdcookie-").FullName;
    private WebApplication? _app;

    internal CookieUpstreamServer Upstream { get; } = new(enforce: false);

    internal CookieUpstreamServer Strict { get; } = new(enforce: true);

    public IPEndPoint Dns { get; } = new(FakeUpstreamServer.NextAddress(), 20000 + Random.Shared.Next(30000));

    public async Task InitializeAsync()
    {
        Upstream.Start();
        Strict.Start();
        File.WriteAllText(Path.Combine(_dir, "example.com.zone"), """
            $TTL 300
            @   IN SOA ns1 hostmaster 1 3600 600 604800 300
                IN NS  ns1
            ns1 IN A   192.0.2.53
            """);
        string[] args =
        [
            "--SplitDns:Domain=example.com",
            $"--SplitDns:ZoneDirectory={_dir}",
            "--SplitDns:Zones:0:File=example.com.zone",
            $"--SplitDns:Listen:Dns={Dns}",
            $"--SplitDns:Listen:Http={Dns.Address}:{Dns.Port + 1}",
            "--SplitDns:WatchZoneFiles=false",
            "--SplitDns:Udp:ReceiveLoops=1",
            "--SplitDns:Cookies:Enabled=true",
            "--SplitDns:Forwarders:Cookies=true",
            $"--SplitDns:Forwarders:Upstream={Upstream.EndPoint}",
            $"--SplitDns:Forwarders:Conditional:strict.test.={Strict.EndPoint}",
            "--SplitDns:Forwarders:TryTimeoutMs=2500",
            "--SplitDns:Forwarders:DeadlineMs=4000",
            $"--SplitDns:RecursionAcl={Dns.Address}/32",
            "--Logging:LogLevel:Default=Warning",
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
        Strict.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>dig from the allowed source address (the ACL holds only the server's own address).</summary>
    public Task<string> DigAsync(params string[] args) =>
        DigClient.RunAsync("dig", [$"@{Dns.Address}", "-p", Dns.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-b", Dns.Address.ToString(), "+tries=1", "+time=5", .. args]);
}
