using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Hosting;

namespace SplitDns.Integration.Tests.Forwarding;

/// <summary>
/// The UDP receive loop under bursts: with <c>Udp:BatchSize</c> 32 (Linux: many datagrams per
/// recvmmsg, one sendmmsg per batch) and 1 (one receive and one send per query) every datagram
/// of a burst from many clients gets exactly one answer, to its own client, with its own ID and
/// question; a forwarded query held upstream in the middle of a burst neither holds the burst
/// back nor loses its answer; IPv6 clients (a longer socket address) are answered as well.
/// </summary>
public abstract class UdpBatchTests<TFixture>(TFixture server) where TFixture : UdpBatchServerFixture
{
    [Fact]
    public async Task Burst_from_many_clients_each_gets_its_own_answers()
    {
        const int clients = 8, perClient = 60;
        var sockets = new Socket[clients];
        try
        {
            for (int c = 0; c < clients; c++)
            {
                sockets[c] = Client(AddressFamily.InterNetwork);
            }

            // Every query of every client leaves before any answer is read.
            for (int i = 0; i < perClient; i++)
            {
                for (int c = 0; c < clients; c++)
                {
                    sockets[c].SendTo(Query(c, i), server.Dns);
                }
            }

            for (int c = 0; c < clients; c++)
            {
                Dictionary<ushort, DnsMessage> answers = await ReceiveAsync(sockets[c], perClient);
                Assert.Equal(perClient, answers.Count);
                for (int i = 0; i < perClient; i++)
                {
                    DnsMessage m = answers[Id(c, i)];
                    AssertAnswers(m, c, i);
                }
            }
        }
        finally
        {
            foreach (Socket s in sockets)
            {
                s?.Dispose();
            }
        }
    }

    [Fact]
    public async Task Forwarded_query_held_upstream_does_not_hold_the_burst_and_is_answered()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Upstream.Hold = q => q.Questions[0].Name.ToString().StartsWith("held.", StringComparison.Ordinal) ? release.Task : Task.CompletedTask;
        using Socket forwarding = Client(AddressFamily.InterNetwork);
        using Socket burst = Client(AddressFamily.InterNetwork);
        try
        {
            forwarding.SendTo(RawDns.Query("held.example.org", RecordType.A, 0x7001, recursionDesired: true), server.Dns);
            for (int round = 0; round < 2; round++)
            {
                // The loop took a fresh slot for the held query; both bursts are answered meanwhile.
                for (int i = 0; i < 100; i++)
                {
                    burst.SendTo(Query(round, i), server.Dns);
                }

                Dictionary<ushort, DnsMessage> answers = await ReceiveAsync(burst, 100);
                Assert.Equal(100, answers.Count);
                for (int i = 0; i < 100; i++)
                {
                    AssertAnswers(answers[Id(round, i)], round, i);
                }
            }

            Assert.Empty(await ReceiveAsync(forwarding, 1, TimeSpan.FromMilliseconds(300)));
            release.SetResult();
            DnsMessage held = Assert.Single((await ReceiveAsync(forwarding, 1)).Values);
            Assert.Equal(0x7001, held.Id);
            Assert.Equal(DnsRcode.NoError, held.Rcode);
            Assert.Equal("198.51.100.1", ((ARdata)Assert.Single(held.Answers).Data).Address.ToString());
        }
        finally
        {
            server.Upstream.Hold = static _ => Task.CompletedTask;
            release.TrySetResult();
        }
    }

    [Fact]
    public async Task Ipv6_clients_are_answered_at_their_own_address()
    {
        using Socket a = Client(AddressFamily.InterNetworkV6);
        using Socket b = Client(AddressFamily.InterNetworkV6);
        for (int i = 0; i < 40; i++)
        {
            a.SendTo(Query(0, i), server.Dns6);
            b.SendTo(Query(1, i), server.Dns6);
        }

        Dictionary<ushort, DnsMessage> fromA = await ReceiveAsync(a, 40);
        Dictionary<ushort, DnsMessage> fromB = await ReceiveAsync(b, 40);
        Assert.Equal(40, fromA.Count);
        Assert.Equal(40, fromB.Count);
        Assert.All(fromA, kv => AssertAnswers(kv.Value, 0, kv.Key - Id(0, 0)));
        Assert.All(fromB, kv => AssertAnswers(kv.Value, 1, kv.Key - Id(1, 0)));
    }

    private static Socket Client(AddressFamily family)
    {
        var s = new Socket(family, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 1 << 20 };
        s.Bind(new IPEndPoint(family == AddressFamily.InterNetwork ? IPAddress.Loopback : IPAddress.IPv6Loopback, 0));
        return s;
    }

    private static ushort Id(int client, int i) => (ushort)(client * 1000 + i + 1);

    // Three kinds per client, so a mixed-up answer shows: an address, a CNAME chain, NXDOMAIN.
    private static string Name(int client, int i) => (i % 3) switch
    {
        0 => $"h{i}.c{client}.burst.example.com",
        1 => "www.example.com",
        _ => $"missing{i}.example.com",
    };

    private static byte[] Query(int client, int i) => RawDns.Query(Name(client, i), RecordType.A, Id(client, i));

    private static void AssertAnswers(DnsMessage m, int client, int i)
    {
        Assert.Equal(Id(client, i), m.Id);
        Assert.Equal(Name(client, i) + ".", Assert.Single(m.Questions).Name.ToString());
        switch (i % 3)
        {
            case 0:
                Assert.Equal(DnsRcode.NoError, m.Rcode);
                Assert.Equal("192.0.2.58", ((ARdata)Assert.Single(m.Answers).Data).Address.ToString());
                break;
            case 1:
                Assert.Equal(DnsRcode.NoError, m.Rcode);
                Assert.Equal(2, m.Answers.Count);
                Assert.Equal(RecordType.CNAME, m.Answers[0].Type);
                Assert.Equal("192.0.2.80", ((ARdata)m.Answers[1].Data).Address.ToString());
                break;
            default:
                Assert.Equal(DnsRcode.NxDomain, m.Rcode);
                break;
        }
    }

    /// <summary>Reads answers until <paramref name="count"/> have come or the wait is over.</summary>
    private static async Task<Dictionary<ushort, DnsMessage>> ReceiveAsync(Socket socket, int count, TimeSpan? wait = null)
    {
        var answers = new Dictionary<ushort, DnsMessage>();
        byte[] buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(wait ?? TimeSpan.FromSeconds(10));
        try
        {
            while (answers.Count < count)
            {
                int n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                DnsMessage m = DnsMessage.Parse(buffer.AsSpan(0, n));
                Assert.True(answers.TryAdd(m.Id, m), $"a second answer with ID {m.Id}");
            }
        }
        catch (OperationCanceledException)
        {
        }

        return answers;
    }
}

/// <summary>Batch size 32 (the default): recvmmsg/sendmmsg on Linux.</summary>
public sealed class UdpBatchOf32Tests(UdpBatchOf32Fixture server)
    : UdpBatchTests<UdpBatchOf32Fixture>(server), IClassFixture<UdpBatchOf32Fixture>;

/// <summary>Batch size 1: one receive and one send per query.</summary>
public sealed class UdpBatchOf1Tests(UdpBatchOf1Fixture server)
    : UdpBatchTests<UdpBatchOf1Fixture>(server), IClassFixture<UdpBatchOf1Fixture>;

public sealed class UdpBatchOf32Fixture() : UdpBatchServerFixture(32);

public sealed class UdpBatchOf1Fixture() : UdpBatchServerFixture(1);

/// <summary>
/// The real server on 127.0.3.x and [::1] (same port), one receive loop per endpoint, serving
/// example.com (a wildcard, a CNAME) and forwarding the rest to a fake upstream on loopback.
/// </summary>
public abstract class UdpBatchServerFixture(int batchSize) : IAsyncLifetime
{
    private const string Zone = """
        $TTL 300
        @        IN SOA ns1 hostmaster 1 3600 600 604800 300
                 IN NS  ns1
        ns1      IN A   192.0.2.53
        external IN A   192.0.2.80
        www      IN CNAME external
        *.burst  IN A   192.0.2.58
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("splitdns-udpbatch-").FullName;
    private WebApplication? _app;

    internal FakeUpstreamServer Upstream { get; } = new(q => Answer(q, "198.51.100.1"));

    public IPEndPoint Dns { get; private set; } = null!;

    public IPEndPoint Dns6 { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_dir, "example.com.zone"), Zone);
        IPAddress address = FakeUpstreamServer.NextAddress();
        int port = LoopbackAddress.FreePort(address);
        Dns = new IPEndPoint(address, port);
        Dns6 = new IPEndPoint(IPAddress.IPv6Loopback, port);
        string[] args =
        [
            "--SplitDns:Domain=example.com",
            $"--SplitDns:ZoneDirectory={_dir}",
            "--SplitDns:Zones:0:File=example.com.zone",
            $"--SplitDns:Listen:Dns={Dns}, [::1]:{port}",
            $"--SplitDns:Listen:Http={address}:{LoopbackAddress.FreePort(address)}",
            "--SplitDns:WatchZoneFiles=false",
            "--SplitDns:Udp:ReceiveLoops=1",
            $"--SplitDns:Udp:BatchSize={batchSize}",
            $"--SplitDns:Forwarders:Upstream={Upstream.EndPoint}",
            "--SplitDns:Forwarders:TryTimeoutMs=2500",
            "--SplitDns:Forwarders:DeadlineMs=8000",
            "--SplitDns:RecursionAcl=127.0.0.0/8",
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
        Directory.Delete(_dir, recursive: true);
    }

    private static DnsMessage Answer(DnsMessage query, string address)
    {
        DnsMessage response = query.CreateResponse();
        response.Header.RecursionAvailable = true;
        response.Answers.Add(new ResourceRecord(query.Questions[0].Name, 60, new ARdata(IPAddress.Parse(address))));
        return response;
    }
}
