using System.Net;
using SplitDns.Integration.Tests.Forwarding;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Server;

/// <summary>
/// <see cref="ServerFixture"/> with everything that has metrics switched on: a TSIG key with the
/// external-dns grant on example.com, an SQLite store, a forwarder to a loopback fake upstream
/// (A 198.51.100.1 for every name) and a blocklist file listing ads.blocked.test, used by a view for all of 127.0.0.0/8.
/// </summary>
public sealed class ObservabilityServerFixture : ServerFixture, IDisposable
{
    public const string KeyName = "metrics-key";
    public const string Secret = "bWV0cmljcy1rZXktZm9yLXRlc3RzLW9ubHktMDEyMzQ1Njc4OWFiY2RlZg==";
    public const string KeySpec = "hmac-sha256:" + KeyName + ":" + Secret;

    private readonly FakeUpstreamServer _upstream = new(Answer);

    public Uri Metrics => new($"http://{Address}:{HttpPort}/metrics");

    protected override IEnumerable<string> ExtraArgs =>
    [
        .. OfflineDefaults.Args,
        $"--SplitDns:Tsig:Keys:0:Name={KeyName}",
        "--SplitDns:Tsig:Keys:0:Algorithm=hmac-sha256",
        $"--SplitDns:Tsig:Keys:0:Secret={Secret}",
        "--SplitDns:Zones:0:Updates:0:Preset=external-dns",
        $"--SplitDns:Zones:0:Updates:0:Key={KeyName}",
        $"--SplitDns:Store:Path={Path.Combine(ZoneDirectory, "data", "splitdns.db")}",
        $"--SplitDns:Forwarders:Upstream={_upstream.EndPoint}",
        "--SplitDns:RecursionAcl=127.0.0.0/8",
        $"--SplitDns:Blocking:CacheDirectory={Path.Combine(ZoneDirectory, "cache")}",
        $"--SplitDns:Blocking:Lists:ads={Path.Combine(ZoneDirectory, "ads.hosts")}",
        "--SplitDns:WatchZoneFiles=false",

        // Blocking is per view: one view for every loopback client, with the shared zones.
        "--SplitDns:Views:0:Name=lan",
        "--SplitDns:Views:0:Networks=127.0.0.0/8",
        "--SplitDns:Views:0:Blocking=true",
    ];

    protected override void PrepareZones(string directory) =>
        File.WriteAllText(Path.Combine(directory, "ads.hosts"), "0.0.0.0 ads.blocked.test\n");

    /// <summary>Runs nsupdate against example.com with <paramref name="key"/> (null: unsigned).</summary>
    internal Task<ToolResult> NsupdateAsync(string script, string? key = KeySpec)
    {
        string input = $"server {Address} {Port}\nzone example.com\n{script}\nsend\n";
        string[] args = key is null ? ["-t", "5"] : ["-y", key, "-t", "5"];
        return ClientTool.RunAsync("nsupdate", args, input, TimeSpan.FromSeconds(20));
    }

    public void Dispose() => _upstream.Dispose();

    private static DnsMessage Answer(DnsMessage query)
    {
        DnsMessage response = query.CreateResponse();
        response.Header.RecursionAvailable = true;
        if (query.Questions[0].Type == RecordType.A)
        {
            response.Answers.Add(new ResourceRecord(query.Questions[0].Name, 300, new ARdata(IPAddress.Parse("198.51.100.1"))));
        }

        return response;
    }
}
