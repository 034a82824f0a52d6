using System.Net.Sockets;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Server;

/// <summary>RFC 7766 behaviour: pipelining, a stalled client, the connection cap.</summary>
public class TcpTests(TcpTests.CappedServer server) : IClassFixture<TcpTests.CappedServer>
{
    public sealed class CappedServer : ServerFixture
    {
        public const int Cap = 4;

        protected override IEnumerable<string> ExtraArgs => [$"--SplitDns:Tcp:MaxConnections={Cap}", "--SplitDns:Tcp:IdleTimeoutSeconds=3"];
    }

    [Fact]
    public void PipelinedQueries_OneWrite_AllAnswered()
    {
        using Socket s = RawDns.Connect(server.Address, server.Port);
        string[] names = ["host1.example.", "foo.example.", "nothing.chains.test.", "c.chains.test.", "host3.example."];
        var burst = new List<byte>();
        for (int i = 0; i < 20; i++)
        {
            burst.AddRange(RawDns.Frame(RawDns.Query(names[i % names.Length], RecordType.A, (ushort)(1000 + i))));
        }

        s.Send(burst.ToArray());
        var ids = new HashSet<int>();
        for (int i = 0; i < 20; i++)
        {
            DnsMessage reply = DnsMessage.Parse(RawDns.ReadFrame(s)!);
            ids.Add(reply.Id);
            Assert.Equal(names[(reply.Id - 1000) % names.Length], reply.Questions[0].Name.ToString());
        }

        Assert.Equal(20, ids.Count);
    }

    [Fact]
    public void PipelinedQueriesThenHalfClose_AllAnsweredThenClosed()
    {
        // RFC 7766 §6.2.4: a client may send its queries and shutdown(SHUT_WR) at once; the FIN
        // ends reading, not the answers to what was already sent.
        using Socket s = RawDns.Connect(server.Address, server.Port);
        string[] names = ["host1.example.", "foo.example.", "nothing.chains.test.", "c.chains.test.", "host3.example."];
        var burst = new List<byte>();
        for (int i = 0; i < names.Length; i++)
        {
            burst.AddRange(RawDns.Frame(RawDns.Query(names[i], RecordType.A, (ushort)(2000 + i))));
        }

        s.Send(burst.ToArray());
        s.Shutdown(SocketShutdown.Send);
        var ids = new HashSet<int>();
        for (int i = 0; i < names.Length; i++)
        {
            byte[] frame = RawDns.ReadFrame(s) ?? throw new InvalidOperationException($"connection closed after {i} of {names.Length} answers");
            DnsMessage reply = DnsMessage.Parse(frame);
            ids.Add(reply.Id);
            Assert.Equal(names[reply.Id - 2000], reply.Questions[0].Name.ToString());
        }

        Assert.Equal(names.Length, ids.Count);
        // Then the server closes its side.
        Assert.Null(RawDns.ReadFrame(s));
    }

    [Fact]
    public void HalfFrameStalledClient_OthersStillServed()
    {
        using Socket stalled = RawDns.Connect(server.Address, server.Port);
        byte[] frame = RawDns.Frame(RawDns.Query("host1.example.", RecordType.A, 7));
        stalled.Send(frame[..(frame.Length / 2)]);

        for (int i = 0; i < 3; i++)
        {
            DigResult r = server.Dig.Query("host1.example A", tcp: true);
            Assert.Equal(["host1.example. 3600 IN A 192.0.2.1"], r.Answer);
        }

        // The stalled half frame is never answered; the idle timeout closes the connection.
        Assert.Null(RawDns.ReadFrame(stalled));
    }

    [Fact]
    public void ConnectionCap_ExtraConnectionClosedAndServiceResumes()
    {
        var held = new List<Socket>();
        try
        {
            // Each held connection is proven open by one answered query.
            for (int i = 0; i < CappedServer.Cap; i++)
            {
                Socket s = RawDns.Connect(server.Address, server.Port);
                held.Add(s);
                s.Send(RawDns.Frame(RawDns.Query("host1.example.", RecordType.A, (ushort)i)));
                Assert.NotNull(RawDns.ReadFrame(s));
            }

            using (Socket extra = RawDns.Connect(server.Address, server.Port))
            {
                extra.Send(RawDns.Frame(RawDns.Query("host1.example.", RecordType.A, 99)));
                Assert.Null(RawDns.ReadFrame(extra));
            }

            held[0].Dispose();
            held.RemoveAt(0);
            Assert.Equal("NOERROR", RetryDig());
        }
        finally
        {
            held.ForEach(s => s.Dispose());
        }
    }

    private string RetryDig()
    {
        // The server notices the closed connection asynchronously; try a bounded few times.
        for (int i = 0; i < 20; i++)
        {
            DigResult r = server.Dig.Query("host1.example A", tcp: true);
            if (r.Status == "NOERROR")
            {
                return r.Status;
            }

            Thread.Sleep(100);
        }

        return "none";
    }
}
