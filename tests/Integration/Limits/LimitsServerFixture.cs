using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using SplitDns.Integration.Tests.Forwarding;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Limits;

/// <summary>
/// <see cref="ServerFixture"/> with small limits (SplitDns:Limits): 3 TCP connections per client,
/// a 1 s per-message timeout, 4 UDP queries in flight, 2 forwarded exchanges in flight, 1 transfer
/// out, UPDATE at most 1024 bytes and 20 records. The upstream (loopback) holds every answer
/// 1.5 s so forwarded queries stay in flight; bulk.test is large enough that an AXFR to a client
/// that does not read stays in progress.
/// </summary>
public sealed partial class LimitsServerFixture : ServerFixture, IDisposable
{
    public const string KeyName = "limits-key";
    public const string Secret = "bGltaXRzLWtleS1mb3ItdGVzdHMtb25seS0wMTIzNDU2Nzg5YWJjZGVmZ2g=";

    private readonly FakeUpstreamServer _upstream = new(Answer) { Hold = static _ => Task.Delay(1500) };
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public Uri Metrics => new($"http://{Address}:{HttpPort}/metrics");

    protected override IEnumerable<string> ExtraArgs =>
    [
        .. OfflineDefaults.Args,
        "--SplitDns:Limits:TcpConnectionsPerClient=3",
        "--SplitDns:Limits:TcpMessageTimeoutMs=1000",
        "--SplitDns:Limits:UdpQueriesInFlight=4",
        "--SplitDns:Limits:TransfersOut=1",
        "--SplitDns:Limits:UpdateMaxBytes=1024",
        "--SplitDns:Limits:UpdateMaxRecords=20",
        "--SplitDns:Forwarders:MaxInFlight=2",
        $"--SplitDns:Forwarders:Upstream={_upstream.EndPoint}",
        "--SplitDns:Forwarders:TryTimeoutMs=3000",
        "--SplitDns:Forwarders:DeadlineMs=4000",
        "--SplitDns:RecursionAcl=127.0.0.0/8",
        $"--SplitDns:Tsig:Keys:0:Name={KeyName}",
        "--SplitDns:Tsig:Keys:0:Algorithm=hmac-sha256",
        $"--SplitDns:Tsig:Keys:0:Secret={Secret}",
        "--SplitDns:Zones:0:Updates:0:Preset=external-dns",
        $"--SplitDns:Zones:0:Updates:0:Key={KeyName}",
        $"--SplitDns:Store:Path={Path.Combine(ZoneDirectory, "data", "splitdns.db")}",
        "--SplitDns:Zones:3:File=bulk.test.zone", "--SplitDns:Zones:3:Origin=bulk.test.",
        "--SplitDns:Zones:3:Transfer:Networks:0=127.0.0.0/8",
        "--SplitDns:WatchZoneFiles=false",

        // A fixed 64 KiB send buffer: an AXFR to a client that does not read blocks at once.
        "--SplitDns:Tcp:SendBufferBytes=65536",
    ];

    protected override void PrepareZones(string directory)
    {
        var zone = new StringBuilder("$TTL 300\n@ IN SOA ns1 hostmaster 7 3600 600 604800 300\n  IN NS ns1\nns1 IN A 192.0.2.53\n");
        for (int i = 0; i < 5_000; i++)
        {
            zone.Append(CultureInfo.InvariantCulture, $"host-with-a-longer-name-{i} IN TXT \"padding padding padding padding {i}\"\n");
        }

        File.WriteAllText(Path.Combine(directory, "bulk.test.zone"), zone.ToString());
    }

    /// <summary>The value of splitdns_limited_total (or another counter) for one label set; -1 when absent.</summary>
    public async Task<long> CounterAsync(string series)
    {
        string text = await _http.GetStringAsync(Metrics);
        Match m = Regex.Match(text, "^" + Regex.Escape(series) + " ([0-9]+)$", RegexOptions.Multiline);
        return m.Success ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
    }

    /// <summary>Polls (bounded, 10 s) until the counter exceeds <paramref name="before"/>; returns its last value.</summary>
    public async Task<long> WaitForIncreaseAsync(string series, long before)
    {
        long value = -1;
        for (int i = 0; i < 100; i++)
        {
            value = await CounterAsync(series);
            if (value > before)
            {
                return value;
            }

            await Task.Delay(100);
        }

        return value;
    }

    /// <summary>A TCP connection to the server from the loopback source <paramref name="source"/>.</summary>
    public Socket ConnectFrom(IPAddress source)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 10_000 };
        socket.Bind(new IPEndPoint(source, 0));
        socket.Connect(new IPEndPoint(Address, Port));
        return socket;
    }

    /// <summary>Runs nsupdate against example.com, signed with the fixture's key or (null) unsigned.</summary>
    internal Task<ToolResult> NsupdateAsync(string script, bool signed)
    {
        string input = $"server {Address} {Port}\nzone example.com\n{script}\nsend\n";
        string[] args = signed ? ["-y", $"hmac-sha256:{KeyName}:{Secret}", "-t", "5"] : ["-t", "5"];
        return ClientTool.RunAsync("nsupdate", args, input, TimeSpan.FromSeconds(20));
    }

    public void Dispose()
    {
        _upstream.Dispose();
        _http.Dispose();
    }

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
