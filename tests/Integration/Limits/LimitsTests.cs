using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Limits;

/// <summary>
/// Each limit of SplitDns:Limits over real sockets: hit, counted in splitdns_limited_total, and
/// while it is hit other clients (or the authoritative path) are still served. No timing
/// assertions: every wait is a bounded poll.
/// </summary>
public class LimitsTests(LimitsServerFixture server) : IClassFixture<LimitsServerFixture>
{
    private static readonly string[] s_host1 = ["host1.example. 3600 IN A 192.0.2.1"];

    private static string Limited(string limit) => $"splitdns_limited_total{{limit=\"{limit}\"}}";

    [Fact]
    public async Task Metrics_AtStart_EveryLimitSeriesExists()
    {
        foreach (string limit in (string[])["tcp_connections", "tcp_connections_per_client", "tcp_message_timeout", "tcp_idle_timeout",
                     "tcp_queries_per_connection", "udp_queries_in_flight", "transfers_out", "update_size"])
        {
            Assert.True(await server.CounterAsync(Limited(limit)) >= 0, limit);
        }

        Assert.True(await server.CounterAsync("splitdns_forwarders_limited_total{limit=\"in_flight\"}") >= 0);
    }

    [Fact]
    public async Task TcpConnectionsPerClient_ExtraConnectionClosed_OtherClientStillServed()
    {
        long before = await server.CounterAsync(Limited("tcp_connections_per_client"));
        var client = IPAddress.Parse("127.0.41.1");
        var held = new List<Socket>();
        try
        {
            for (ushort id = 1; id <= 3; id++)
            {
                Socket s = server.ConnectFrom(client);
                held.Add(s);
                s.Send(RawDns.Frame(RawDns.Query("host1.example.", RecordType.A, id)));
                Assert.NotNull(RawDns.ReadFrame(s));
            }

            using (Socket extra = server.ConnectFrom(client))
            {
                Assert.True(ClosedByServer(extra), "the fourth connection from one address should be closed");
            }

            Assert.True(await server.WaitForIncreaseAsync(Limited("tcp_connections_per_client"), before) > before);
            using Socket other = server.ConnectFrom(IPAddress.Parse("127.0.41.2"));
            other.Send(RawDns.Frame(RawDns.Query("host1.example.", RecordType.A, 9)));
            Assert.NotNull(RawDns.ReadFrame(other));
            held[0].Send(RawDns.Frame(RawDns.Query("host1.example.", RecordType.A, 10)));
            Assert.NotNull(RawDns.ReadFrame(held[0]));
        }
        finally
        {
            foreach (Socket s in held)
            {
                s.Dispose();
            }
        }
    }

    [Fact]
    public async Task Slowloris_ClientDribblingAMessage_ClosedWhileOthersServed()
    {
        long before = await server.CounterAsync(Limited("tcp_message_timeout"));
        using Socket slow = server.ConnectFrom(IPAddress.Parse("127.0.41.3"));
        byte[] frame = RawDns.Frame(RawDns.Query("host1.example.", RecordType.A, 5));
        bool closed = false;
        for (int i = 0; i < frame.Length - 1 && !closed; i++)
        {
            try
            {
                slow.Send(frame.AsSpan(i, 1));
            }
            catch (SocketException)
            {
                closed = true;
                break;
            }

            Assert.Equal(s_host1, server.Dig.Query("host1.example A", tcp: true).Answer);
            await Task.Delay(300);
            closed = slow.Poll(0, SelectMode.SelectRead) && slow.Available == 0;
        }

        Assert.True(closed, "a client sending one byte at a time should be closed before it completes its message");
        Assert.True(await server.WaitForIncreaseAsync(Limited("tcp_message_timeout"), before) > before);
    }

    [Fact]
    public async Task UdpFlood_BeyondInFlightBound_ControlQueryStillAnswered()
    {
        long before = await server.CounterAsync(Limited("udp_queries_in_flight"));
        using var flood = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        flood.Bind(new IPEndPoint(IPAddress.Parse("127.0.41.4"), 0));
        var target = new IPEndPoint(server.Address, server.Port);

        // One name: the first starts an upstream exchange (held 1.5 s), the rest wait on it, each holding a slot.
        for (ushort id = 1; id <= 40; id++)
        {
            flood.SendTo(RawDns.Query("flood.forwarded.test.", RecordType.A, id, recursionDesired: true), target);
        }

        Assert.Equal(s_host1, server.Dig.Query("host1.example A").Answer);
        Assert.True(await server.WaitForIncreaseAsync(Limited("udp_queries_in_flight"), before) > before);
    }

    [Fact]
    public async Task ForwardedInFlight_BeyondBound_ServfailAndCounted()
    {
        const string series = "splitdns_forwarders_limited_total{limit=\"in_flight\"}";
        long before = await server.CounterAsync(series);
        using Socket s = server.ConnectFrom(IPAddress.Parse("127.0.41.6"));
        var burst = new List<byte>();
        for (ushort id = 1; id <= 6; id++)
        {
            burst.AddRange(RawDns.Frame(RawDns.Query($"distinct{id}.forwarded.test.", RecordType.A, id, recursionDesired: true)));
        }

        s.Send(burst.ToArray());
        var rcodes = new List<DnsRcode>();
        for (int i = 0; i < 6; i++)
        {
            rcodes.Add(DnsMessage.Parse(RawDns.ReadFrame(s) ?? throw new InvalidOperationException("closed early")).Rcode);
        }

        Assert.Contains(DnsRcode.ServFail, rcodes);
        Assert.True(await server.WaitForIncreaseAsync(series, before) > before);
    }

    [Fact]
    public async Task TransfersOut_SecondConcurrentAxfr_Refused()
    {
        long before = await server.CounterAsync(Limited("transfers_out"));
        string axfr = $"@{server.Address} -p {server.Port} +tcp +time=3 +retry=0 bulk.test AXFR";
        var stuck = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        try
        {
            stuck.Bind(new IPEndPoint(IPAddress.Parse("127.0.41.5"), 0));
            stuck.Connect(new IPEndPoint(server.Address, server.Port));
            stuck.Send(RawDns.Frame(RawDns.Query("bulk.test.", RecordType.AXFR, 1)));
            string? refused = null;
            for (int i = 0; i < 30 && refused is null; i++)
            {
                string output = Dig.Run("kdig", axfr);
                refused = output.Contains("REFUSED", StringComparison.Ordinal) ? output : null;
            }

            Assert.NotNull(refused);
            Assert.True(await server.WaitForIncreaseAsync(Limited("transfers_out"), before) > before);
        }
        finally
        {
            stuck.Dispose();
        }

        // The place is given back when the stuck transfer's connection goes.
        bool served = false;
        for (int i = 0; i < 30 && !served; i++)
        {
            served = Dig.Run("kdig", axfr).Contains("host-with-a-longer-name-4999.bulk.test.", StringComparison.Ordinal);
            if (!served)
            {
                await Task.Delay(200);
            }
        }

        Assert.True(served, "a transfer should be served again once the first is gone");
    }

    [Fact]
    public async Task UpdateSize_TooManyBytesOrRecords_RefusedAndCounted()
    {
        long before = await server.CounterAsync(Limited("update_size"));

        // 12-byte header with opcode UPDATE (RFC 2136 §2.2) followed by 1,500 bytes: refused before parsing.
        byte[] oversize = new byte[1512];
        BinaryPrimitives.WriteUInt16BigEndian(oversize, 0x1234);
        BinaryPrimitives.WriteUInt16BigEndian(oversize.AsSpan(2), (ushort)((int)DnsOpcode.Update << 11));
        using (Socket s = server.ConnectFrom(IPAddress.Parse("127.0.41.7")))
        {
            s.Send(RawDns.Frame(oversize));
            byte[] reply = RawDns.ReadFrame(s) ?? throw new InvalidOperationException("no reply");
            Assert.Equal(0x1234, BinaryPrimitives.ReadUInt16BigEndian(reply));
            Assert.Equal((int)DnsRcode.Refused, reply[3] & 0xF);
            Assert.True(reply.Length <= oversize.Length);
        }

        string many = string.Join("\n", Enumerable.Range(1, 25).Select(i => $"update add many{i}.example.com. 60 A 192.0.2.{i}"));
        ToolResult tooMany = await server.NsupdateAsync(many, signed: false);
        Assert.Contains("REFUSED", tooMany.Output, StringComparison.Ordinal);
        Assert.True(await server.WaitForIncreaseAsync(Limited("update_size"), before + 1) > before + 1);

        ToolResult small = await server.NsupdateAsync("update add small.example.com. 60 A 192.0.2.99", signed: true);
        Assert.True(small.ExitCode == 0, small.ToString());
        Assert.Equal(["small.example.com. 60 IN A 192.0.2.99"], server.Dig.Query("small.example.com A").Answer);
    }

    [Fact]
    public void Keepalive_OverTcp_AnsweredWithIdleTimeout()
    {
        using Socket s = server.ConnectFrom(IPAddress.Parse("127.0.41.8"));
        s.Send(RawDns.Frame(KeepaliveQuery(21)));
        DnsMessage reply = DnsMessage.Parse(RawDns.ReadFrame(s) ?? throw new InvalidOperationException("no reply"));

        Assert.Equal(DnsRcode.NoError, reply.Rcode);
        EdnsOption option = reply.Edns?.Find(EdnsOptionCode.TcpKeepalive) ?? throw new InvalidOperationException("no keepalive option");
        // Tcp:IdleTimeoutSeconds 10 (default) in units of 100 ms.
        Assert.Equal(100, BinaryPrimitives.ReadUInt16BigEndian(option.Data.Span));

        // kdig 3.2 has no +keepalive; dig prints the option as "TCP-KEEPALIVE: 10.0 secs".
        string dig = Dig.Run("dig", $"@{server.Address} -p {server.Port} +norec +tcp +keepalive +time=2 +tries=1 host1.example A");
        Assert.Matches("KEEPALIVE: 10\\.0", dig);
        Assert.Contains("192.0.2.1", dig, StringComparison.Ordinal);
    }

    [Fact]
    public void Keepalive_OverUdp_OptionIgnored()
    {
        // RFC 7828 §3.3.1: a server ignores the option on a UDP query (as BIND, Unbound and Knot Resolver do).
        byte[] reply = RawDns.Udp(server.Address, server.Port, KeepaliveQuery(22), timeoutMs: 3000) ?? throw new InvalidOperationException("no reply");
        DnsMessage message = DnsMessage.Parse(reply);

        Assert.Equal(DnsRcode.NoError, message.Rcode);
        Assert.NotEmpty(message.Answers);
        Assert.Null(message.Edns?.Find(EdnsOptionCode.TcpKeepalive));
        Assert.Equal(s_host1, server.Dig.Query("host1.example A").Answer);
    }

    private static byte[] KeepaliveQuery(ushort id)
    {
        var q = new DnsMessage();
        q.Header.Id = id;
        q.Questions.Add(new DnsQuestion(DnsName.Parse("host1.example."), RecordType.A));
        q.Edns = new EdnsRecord();
        q.Edns.Options.Add(new EdnsOption(EdnsOptionCode.TcpKeepalive, ReadOnlyMemory<byte>.Empty));
        return q.ToArray();
    }

    private static bool ClosedByServer(Socket socket)
    {
        try
        {
            socket.Send(RawDns.Frame(RawDns.Query("host1.example.", RecordType.A, 99)));
            return RawDns.ReadFrame(socket) is null;
        }
        catch (SocketException)
        {
            return true;
        }
    }
}
