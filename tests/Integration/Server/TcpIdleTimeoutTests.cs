using System.Net.Sockets;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Protocol.Records;

namespace SplitDns.Integration.Tests.Server;

/// <summary>
/// RFC 7766 §6.2.3: the server closes idle and stalled connections itself after its idle
/// timeout (1 s here); the client waits up to 10 s, so a read that times out means the server
/// never closed the connection.
/// </summary>
public class TcpIdleTimeoutTests(TcpIdleTimeoutTests.ShortIdleServer server) : IClassFixture<TcpIdleTimeoutTests.ShortIdleServer>
{
    public sealed class ShortIdleServer : ServerFixture
    {
        protected override IEnumerable<string> ExtraArgs => ["--SplitDns:Tcp:IdleTimeoutSeconds=1"];
    }

    public enum ReadOutcome
    {
        Data,
        ClosedByServer,
        TimedOut,
    }

    [Fact]
    public void StalledHalfFrame_ServerClosesConnection_OthersServedMeanwhile()
    {
        using Socket stalled = Connect();
        byte[] frame = RawDns.Frame(RawDns.Query("host1.example.", RecordType.A, 7));
        stalled.Send(frame[..(frame.Length / 2)]);

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(["host1.example. 3600 IN A 192.0.2.1"], server.Dig.Query("host1.example A", tcp: true).Answer);
            Assert.Equal(["host1.example. 3600 IN A 192.0.2.1"], server.Dig.Query("host1.example A").Answer);
        }

        Assert.Equal(ReadOutcome.ClosedByServer, Read(stalled));
    }

    [Fact]
    public void SilentConnection_ServerClosesConnection()
    {
        using Socket silent = Connect();

        Assert.Equal(ReadOutcome.ClosedByServer, Read(silent));
    }

    [Fact]
    public void AnsweredThenSilent_AnswerArrivesThenServerCloses()
    {
        using Socket s = Connect();
        s.Send(RawDns.Frame(RawDns.Query("host1.example.", RecordType.A, 9)));

        Assert.NotNull(RawDns.ReadFrame(s));
        Assert.Equal(ReadOutcome.ClosedByServer, Read(s));
    }

    private Socket Connect()
    {
        Socket s = RawDns.Connect(server.Address, server.Port);
        s.ReceiveTimeout = 10_000;
        return s;
    }

    private static ReadOutcome Read(Socket socket)
    {
        byte[] buffer = new byte[512];
        try
        {
            return socket.Receive(buffer) == 0 ? ReadOutcome.ClosedByServer : ReadOutcome.Data;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            return ReadOutcome.ClosedByServer;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.TimedOut)
        {
            return ReadOutcome.TimedOut;
        }
    }
}
