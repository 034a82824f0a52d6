using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using SplitDns.Integration.Tests.Forwarding;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Hosting;

namespace SplitDns.Integration.Tests.Blocking;

/// <summary>
/// The real server with blocklists from files (a hosts file, an AdBlock list and an allowlist)
/// and views on their own loopback sources: home 127.67.1.0/24 blocks (NXDOMAIN), pods
/// 127.67.2.0/24 does not, and one view per other response mode (NullIp 127.67.5.0/24, Custom
/// 127.67.6.0/24, NoData 127.67.7.0/24). The fake upstream answers A 198.51.100.1 for every name,
/// and for cloaked.test a CNAME chain through a blocked name.
/// </summary>
public sealed class BlockingServerFixture : IAsyncLifetime
{
    private const string Zone = """
        $TTL 300
        @        IN SOA ns1 hostmaster 1 3600 600 604800 300
                 IN NS  ns1
        ns1      IN A   192.0.2.53
        ads      IN A   192.168.1.80
        """;

    private const string Hosts = """
        # a hosts-format blocklist
        127.0.0.1 localhost
        0.0.0.0 ads.blocked.test
        0.0.0.0 tracker.blocked.test # trailing comment
        0.0.0.0 ads.example.com
        this line is not a hosts line!
        """;

    private const string Rules = """
        [Adblock Plus 2.0]
        ! AdBlock-style rules
        ||adblock.blocked.test^
        @@||ok.adblock.blocked.test^
        """;

    private const string Allow = """
        fine.ads.blocked.test
        cloak-allowed.test
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("splitdns-blocking-").FullName;
    private WebApplication? _app;

    public static IPAddress Home { get; } = IPAddress.Parse("127.67.1.10");

    public static IPAddress Pods { get; } = IPAddress.Parse("127.67.2.10");

    public static IPAddress NullIp { get; } = IPAddress.Parse("127.67.5.10");

    public static IPAddress Custom { get; } = IPAddress.Parse("127.67.6.10");

    public static IPAddress NoData { get; } = IPAddress.Parse("127.67.7.10");

    internal FakeUpstreamServer Upstream { get; } = new(Answer);

    public IPEndPoint Dns { get; } = new(FakeUpstreamServer.NextAddress(), 20000 + Random.Shared.Next(30000));

    public Uri Metrics => new($"http://{Dns.Address}:{Dns.Port + 1}/metrics");

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_dir, "example.com.zone"), Zone);
        File.WriteAllText(Path.Combine(_dir, "ads.hosts"), Hosts);
        File.WriteAllText(Path.Combine(_dir, "rules.txt"), Rules);
        File.WriteAllText(Path.Combine(_dir, "allow.txt"), Allow);
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
            $"--SplitDns:Listen:Dns={Dns}",
            $"--SplitDns:Listen:Http={Dns.Address}:{Dns.Port + 1}",
            "--SplitDns:WatchZoneFiles=false",
            "--SplitDns:Udp:ReceiveLoops=1",
            $"--SplitDns:Store:Path={_dir}/data/splitdns.db",
            $"--SplitDns:Forwarders:Upstream={Upstream.EndPoint}",
            "--SplitDns:RecursionAcl=127.0.0.0/8",
            "--Logging:LogLevel:Default=Warning",
            $"--SplitDns:Blocking:CacheDirectory={_dir}/cache",
            $"--SplitDns:Blocking:Lists:ads={_dir}/ads.hosts",
            $"--SplitDns:Blocking:Lists:rules:Source={_dir}/rules.txt",
            "--SplitDns:Blocking:Lists:rules:Format=AdBlock",
            $"--SplitDns:Blocking:Lists:allow:Source={_dir}/allow.txt",
            "--SplitDns:Blocking:Lists:allow:Kind=Allow",
        ];
        string[] views =
        [
            "--SplitDns:Views:0:Name=home",
            "--SplitDns:Views:0:Networks=127.67.1.0/24",
            "--SplitDns:Views:0:Blocking:Mode=NxDomain",
            "--SplitDns:Views:0:Blocking:Ttl=120",
            "--SplitDns:Views:1:Name=pods",
            "--SplitDns:Views:1:Networks=127.67.2.0/24",
            "--SplitDns:Views:2:Name=nullip",
            "--SplitDns:Views:2:Networks=127.67.5.0/24",
            "--SplitDns:Views:2:Blocking:Mode=NullIp",
            "--SplitDns:Views:2:Blocking:Lists=ads",
            "--SplitDns:Views:3:Name=custom",
            "--SplitDns:Views:3:Networks=127.67.6.0/24",
            "--SplitDns:Views:3:Blocking:Mode=Custom",
            "--SplitDns:Views:3:Blocking:Addresses=192.0.2.99, 2001:db8::99",
            "--SplitDns:Views:4:Name=nodata",
            "--SplitDns:Views:4:Networks=127.67.7.0/24",
            "--SplitDns:Views:4:Blocking:Mode=NoData",
        ];
        return [.. common, .. views];
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Upstream.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>dig from <paramref name="source"/> (its own loopback address), with recursion desired.</summary>
    public async Task<DigResult> DigFromAsync(IPAddress source, params string[] args) =>
        DigResult.Parse(await DigClient.RunAsync("dig", [$"@{Dns.Address}", "-p", Dns.Port.ToString(CultureInfo.InvariantCulture),
            "-b", source.ToString(), "+tries=1", "+time=5", .. args]));

    /// <summary>A 198.51.100.1 for every A question; cloaked.test and cloak-allowed.test are CNAMEs to a blocked name.</summary>
    private static DnsMessage Answer(DnsMessage query)
    {
        DnsMessage response = query.CreateResponse();
        response.Header.RecursionAvailable = true;
        DnsQuestion q = query.Questions[0];
        DnsName name = q.Name;
        if (name.ToString() is "cloaked.test." or "cloak-allowed.test.")
        {
            DnsName tracker = DnsName.Parse("cdn.tracker.blocked.test.");
            response.Answers.Add(new ResourceRecord(name, 300, new CnameRdata(tracker)));
            name = tracker;
        }

        if (q.Type == RecordType.A)
        {
            response.Answers.Add(new ResourceRecord(name, 300, new ARdata(IPAddress.Parse("198.51.100.1"))));
        }

        return response;
    }
}
