using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Server;

/// <summary>
/// DNS over TCP with answers larger than a slot's small response buffer (4 KiB), and a long AXFR
/// to a client that reads slowly but steadily, with the idle timeout at 1 s (RFC 7766 §6.2.3:
/// a connection that makes progress is not idle).
/// </summary>
public class TcpLargeResponseTests(TcpLargeResponseTests.BigZoneServer server) : IClassFixture<TcpLargeResponseTests.BigZoneServer>
{
    public sealed class BigZoneServer : ServerFixture
    {
        public const int Hosts = 20_000;
        public const int Wide = 400;

        protected override IEnumerable<string> ExtraArgs =>
        [
            "--SplitDns:Tcp:IdleTimeoutSeconds=1",

            // A small kernel send buffer, so the zone cannot vanish into it: the server's writes
            // really wait for the slow client (Linux otherwise autotunes it up to megabytes).
            "--SplitDns:Tcp:SendBufferBytes=8192",
            "--SplitDns:Zones:3:File=big.zone", "--SplitDns:Zones:3:Origin=big.test.",
            "--SplitDns:Zones:3:Transfer:Networks:0=127.0.0.0/8",
        ];

        protected override void PrepareZones(string directory)
        {
            var sb = new StringBuilder("$TTL 300\n@ IN SOA ns hostmaster 1 3600 600 604800 300\n  IN NS ns\nns IN A 192.0.2.1\n");
            for (int i = 0; i < Wide; i++)
            {
                sb.Append("wide IN A 10.1.").Append(i / 256).Append('.').Append(i % 256).Append('\n');
            }

            for (int i = 0; i < Hosts; i++)
            {
                sb.Append("host").Append(i).Append(" IN A 10.2.").Append(i / 256 % 256).Append('.').Append(i % 256).Append('\n');
            }

            File.WriteAllText(Path.Combine(directory, "big.zone"), sb.ToString());
        }
    }

    [Fact]
    public void DigTcp_AnswerLargerThanSmallBuffer_CompleteWithoutTc()
    {
        DigResult r = server.Dig.Query("wide.big.test A", tcp: true);

        Assert.Equal(BigZoneServer.Wide, r.Answer.Count);
        Assert.False(r.Has("tc"), r.Output);
    }

    [Fact]
    public void PipelinedLargeAndSmallAnswers_OneConnection_AllComplete()
    {
        // More large answers in one burst than the connection's budget of full-size buffers.
        using Socket s = RawDns.Connect(server.Address, server.Port);
        var burst = new List<byte>();
        for (int i = 0; i < 12; i++)
        {
            burst.AddRange(RawDns.Frame(RawDns.Query(i % 3 == 2 ? "ns.big.test." : "wide.big.test.", RecordType.A, (ushort)(500 + i))));
        }

        s.Send(burst.ToArray());
        var ids = new HashSet<int>();
        for (int i = 0; i < 12; i++)
        {
            DnsMessage reply = DnsMessage.Parse(RawDns.ReadFrame(s)!);
            Assert.False(reply.Header.Truncated);
            Assert.Equal((reply.Id - 500) % 3 == 2 ? 1 : BigZoneServer.Wide, reply.Answers.Count);
            ids.Add(reply.Id);
        }

        Assert.Equal(12, ids.Count);
    }

    [Fact]
    public void Axfr_SlowSteadyReaderForLongerThanIdleTimeout_NotCutOff()
    {
        using Socket s = AskAxfr(77);

        // 512 octets every 10 ms for 2.5 s (about 50 KB/s, well over the 1 s idle timeout, with the
        // server's writes blocked most of the time), then as fast as it comes. Bounded at 60 s.
        var reader = new FrameReader();
        var clock = Stopwatch.StartNew();
        byte[] chunk = new byte[65536];
        while (!reader.Done && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            bool slow = clock.Elapsed < TimeSpan.FromSeconds(2.5);
            int n = s.Receive(chunk, 0, slow ? 512 : chunk.Length, SocketFlags.None);
            if (n == 0)
            {
                break;
            }

            reader.Add(chunk.AsSpan(0, n));
            if (slow)
            {
                Thread.Sleep(10);
            }
        }

        Assert.True(reader.Done, $"transfer cut off after {reader.Records} records, {reader.Messages} messages, {clock.Elapsed}");
        Assert.Equal(BigZoneServer.Hosts + BigZoneServer.Wide + 4, reader.Records);
    }

    [Fact]
    public void Axfr_ReaderStopsMidTransfer_ServerClosesAfterIdleTimeout()
    {
        using Socket s = AskAxfr(78);
        var reader = new FrameReader();
        byte[] chunk = new byte[65536];
        reader.Add(chunk.AsSpan(0, s.Receive(chunk, 0, 4096, SocketFlags.None)));

        // Stop reading for 4 s: only zero-window probes are acknowledged, which is no progress.
        Thread.Sleep(4000);
        var clock = Stopwatch.StartNew();
        while (!reader.Done && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            int n;
            try
            {
                n = s.Receive(chunk);
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
            {
                break;
            }

            if (n == 0)
            {
                break;
            }

            reader.Add(chunk.AsSpan(0, n));
        }

        Assert.False(reader.Done, "the stalled transfer was never cut off");
        Assert.InRange(reader.Records, 1, BigZoneServer.Hosts / 2);
    }

    /// <summary>Asks for the big zone over a connection with a small receive buffer (the client's window stays small).</summary>
    private Socket AskAxfr(ushort id)
    {
        var s = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096, ReceiveTimeout = 10_000 };
        s.Connect(server.Address, server.Port);
        s.Send(RawDns.Frame(RawDns.Query("big.test.", RecordType.AXFR, id)));
        return s;
    }

    /// <summary>Splits the stream into frames and counts records until the closing SOA (RFC 5936 §2.2).</summary>
    private sealed class FrameReader
    {
        private readonly List<byte> _pending = [];

        public int Records { get; private set; }

        public int Messages { get; private set; }

        public bool Done { get; private set; }

        public void Add(ReadOnlySpan<byte> data)
        {
            _pending.AddRange(data.ToArray());
            while (_pending.Count >= 2)
            {
                int length = (_pending[0] << 8) | _pending[1];
                if (_pending.Count < length + 2)
                {
                    return;
                }

                DnsMessage message = DnsMessage.Parse(_pending.GetRange(2, length).ToArray());
                _pending.RemoveRange(0, length + 2);
                Assert.Equal(DnsRcode.NoError, message.Rcode);
                Messages++;
                Records += message.Answers.Count;
                Done = Records > 1 && message.Answers[^1].Type == RecordType.SOA;
            }
        }
    }
}
