using System.Net;
using Microsoft.AspNetCore.Builder;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Hosting;

namespace SplitDns.Integration.Tests.Forwarding;

/// <summary>
/// The real server (host, listeners, chain) on 127.0.3.x with a served zone example.com, a
/// conditional forwarder lan.example.com → a fake router, and one fake upstream. The embedded
/// defaults (1.1.1.1, 192.168.1.1) are never loaded: nothing leaves loopback.
/// </summary>
public sealed class ForwardingServerFixture : IAsyncLifetime
{
    private const string Zone = """
        $TTL 300
        @      IN SOA ns1 hostmaster 1 3600 600 604800 300
               IN NS  ns1
        ns1    IN A   192.0.2.53
        www    IN A   192.0.2.80
        nas.lan IN A  192.0.2.44
        *      IN A   192.0.2.58
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("splitdns-fwd-").FullName;
    private WebApplication? _app;

    internal FakeUpstreamServer Upstream { get; } = new(q => Answer(q, "198.51.100.1"));

    internal FakeUpstreamServer Router { get; } = new(q => Answer(q, "198.51.100.2"));

    internal FakeUpstreamServer Dead { get; } = new(_ => null);

    /// <summary>A loopback address and port where nothing listens: UDP queries get ICMP "port unreachable".</summary>
    internal IPEndPoint Closed { get; } = new(FakeUpstreamServer.NextAddress(), 20000 + Random.Shared.Next(30000));

    public IPEndPoint Dns { get; } = new(FakeUpstreamServer.NextAddress(), 20000 + Random.Shared.Next(30000));

    public async Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_dir, "example.com.zone"), Zone);
        string[] args =
        [
            "--SplitDns:Domain=example.com",
            $"--SplitDns:ZoneDirectory={_dir}",
            "--SplitDns:Zones:0:File=example.com.zone",
            $"--SplitDns:Listen:Dns={Dns}",
            $"--SplitDns:Listen:Http={Dns.Address}:{Dns.Port + 1}",
            "--SplitDns:WatchZoneFiles=false",
            "--SplitDns:Udp:ReceiveLoops=1",
            $"--SplitDns:Forwarders:Upstream={Upstream.EndPoint}",
            $"--SplitDns:Forwarders:Conditional:lan={Router.EndPoint}",
            $"--SplitDns:Forwarders:Conditional:dead.test.={Dead.EndPoint}",
            $"--SplitDns:Forwarders:Conditional:closed.test.={Closed}",
            // Generous for a loaded CI machine (a browser test runs beside this one); dig waits 5 s.
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
        Router.Dispose();
        Dead.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>dig from the allowed source address (the ACL holds only the server's own address).</summary>
    public Task<string> DigAsync(params string[] args) =>
        DigClient.RunAsync("dig", [$"@{Dns.Address}", "-p", Dns.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-b", Dns.Address.ToString(), "+tries=1", "+time=5", .. args]);

    private static DnsMessage Answer(DnsMessage query, string address)
    {
        DnsMessage response = query.CreateResponse();
        response.Header.RecursionAvailable = true;
        DnsQuestion q = query.Questions[0];
        if (q.Type == RecordType.A)
        {
            response.Answers.Add(new ResourceRecord(q.Name, 300, new ARdata(IPAddress.Parse(address))));
        }
        else
        {
            response.Authority.Add(new ResourceRecord(DnsName.Parse("test."), 300, new SoaRdata(
                DnsName.Parse("ns.test."), DnsName.Parse("h.test."), 1, 1, 1, 1, 60)));
        }

        if (query.Questions[0].Name.FirstLabel.SequenceEqual("big"u8))
        {
            for (int i = 0; i < 60; i++)
            {
                response.Answers.Add(new ResourceRecord(q.Name, 300, new ARdata(new IPAddress([203, 0, 113, (byte)i]))));
            }
        }

        return response;
    }
}
