using System.Net;
using System.Net.Sockets;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Forwarding;

/// <summary>
/// RFC 7766 §6.2.1.1: pipelined queries on one connection are processed concurrently and each
/// answer is sent when ready, so a forwarded cache miss does not hold up the answers behind it.
/// </summary>
public sealed class TcpPipeliningTests : IClassFixture<ForwardingServerFixture>
{
    private readonly ForwardingServerFixture _server;

    public TcpPipeliningTests(ForwardingServerFixture server) => _server = server;

    [Fact]
    public async Task PipelinedBurst_SlowForwardedFirst_AuthoritativeAnswersArriveBeforeIt()
    {
        // The upstream holds its reply to slow.pipeline.test until the test has read every
        // authoritative answer: they can only arrive if they did not wait for the forwarded one.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.Upstream.Hold = q => q.Questions[0].Name.ToString().Equals("slow.pipeline.test.", StringComparison.OrdinalIgnoreCase)
            ? release.Task.WaitAsync(TimeSpan.FromSeconds(10))
            : Task.CompletedTask;
        using Socket s = ConnectFromAllowedAddress();
        // RD=1: a query with RD=0 is answered from the cache only, never forwarded.
        var burst = new List<byte>(RawDns.Frame(RawDns.Query("slow.pipeline.test.", RecordType.A, 1, recursionDesired: true)));
        for (ushort id = 2; id <= 6; id++)
        {
            burst.AddRange(RawDns.Frame(RawDns.Query("www.example.com.", RecordType.A, id)));
        }

        await s.SendAsync(burst.ToArray());
        var authoritative = new HashSet<ushort>();
        for (int i = 0; i < 5; i++)
        {
            DnsMessage reply = DnsMessage.Parse(await ReadFrameAsync(s) ?? throw new InvalidOperationException("no authoritative answer while the forwarded query was pending"));
            Assert.NotEqual(1, reply.Id);
            Assert.True(reply.Header.AuthoritativeAnswer);
            Assert.Equal("192.0.2.80", ((ARdata)Assert.Single(reply.Answers).Data).Address.ToString());
            authoritative.Add(reply.Id);
        }

        release.SetResult();
        DnsMessage slow = DnsMessage.Parse((await ReadFrameAsync(s))!);

        Assert.Equal(5, authoritative.Count);
        Assert.Equal(1, slow.Id);

        // Under a loaded test run the upstream try (1 s in this fixture) can expire first: then
        // the held query is answered SERVFAIL, still after the authoritative answers.
        if (slow.Rcode != DnsRcode.ServFail)
        {
            Assert.Equal(DnsRcode.NoError, slow.Rcode);
            Assert.Equal("198.51.100.1", ((ARdata)Assert.Single(slow.Answers).Data).Address.ToString());
        }
    }

    [Fact]
    public async Task PipelinedBurstThenHalfClose_ForwardedAnswerStillSent()
    {
        // The forwarded query is still upstream when the client's FIN arrives: it is answered
        // (not cancelled), after the authoritative ones, and then the server closes.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.Upstream.Hold = q => q.Questions[0].Name.ToString().Equals("halfclose.pipeline.test.", StringComparison.OrdinalIgnoreCase)
            ? release.Task.WaitAsync(TimeSpan.FromSeconds(10))
            : Task.CompletedTask;
        using Socket s = ConnectFromAllowedAddress();
        var burst = new List<byte>(RawDns.Frame(RawDns.Query("halfclose.pipeline.test.", RecordType.A, 1, recursionDesired: true)));
        for (ushort id = 2; id <= 5; id++)
        {
            burst.AddRange(RawDns.Frame(RawDns.Query("www.example.com.", RecordType.A, id)));
        }

        await s.SendAsync(burst.ToArray());
        s.Shutdown(SocketShutdown.Send);
        var ids = new HashSet<ushort>();
        for (int i = 0; i < 4; i++)
        {
            DnsMessage reply = DnsMessage.Parse(await ReadFrameFromSocketAsync(s) ?? throw new InvalidOperationException($"closed after {i} authoritative answers"));
            Assert.True(reply.Header.AuthoritativeAnswer);
            ids.Add(reply.Id);
        }

        release.SetResult();
        DnsMessage forwarded = DnsMessage.Parse(await ReadFrameFromSocketAsync(s) ?? throw new InvalidOperationException("forwarded answer not sent after the half-close"));

        Assert.Equal(4, ids.Count);
        Assert.DoesNotContain((ushort)1, ids);
        Assert.Equal(1, forwarded.Id);
        // As above: under load the 1 s upstream try can expire first (SERVFAIL), still an answer.
        Assert.Contains(forwarded.Rcode, new[] { DnsRcode.NoError, DnsRcode.ServFail });
        Assert.Null(await ReadFrameFromSocketAsync(s));
    }

    /// <summary>Reads one length-prefixed message without blocking a thread; null when the connection closed or 5 s passed.</summary>
    private static async Task<byte[]?> ReadFrameAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        try
        {
            byte[] prefix = new byte[2];
            await stream.ReadExactlyAsync(prefix, timeout.Token);
            byte[] message = new byte[(prefix[0] << 8) | prefix[1]];
            await stream.ReadExactlyAsync(message, timeout.Token);
            return message;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// As <see cref="ReadFrameAsync"/>, on the socket itself: NetworkStream refuses a socket whose
    /// sending side is shut down.
    /// </summary>
    private static async Task<byte[]?> ReadFrameFromSocketAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            byte[] prefix = new byte[2];
            if (!await ReceiveExactlyAsync(socket, prefix, timeout.Token))
            {
                return null;
            }

            byte[] message = new byte[(prefix[0] << 8) | prefix[1]];
            return await ReceiveExactlyAsync(socket, message, timeout.Token) ? message : null;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return null;
        }
    }

    private static async Task<bool> ReceiveExactlyAsync(Socket socket, byte[] buffer, CancellationToken ct)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, ct);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }

    /// <summary>The recursion ACL holds only the server's own address: connect from it.</summary>
    private Socket ConnectFromAllowedAddress()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 5000 };
        socket.Bind(new IPEndPoint(_server.Dns.Address, 0));
        socket.Connect(_server.Dns);
        return socket;
    }
}
