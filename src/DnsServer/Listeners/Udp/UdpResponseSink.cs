using System.Net;
using System.Net.Sockets;
using SplitDns.Server.Processing;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Listeners.Udp;

/// <summary>Sends a handler's single UDP reply to the client of the current datagram.</summary>
internal sealed class UdpResponseSink : IResponseSink
{
    private readonly Socket _socket;
    private readonly SocketAddress _client;

    public UdpResponseSink(Socket socket, SocketAddress client)
    {
        _socket = socket;
        _client = client;
    }

    public DnsTransport Transport => DnsTransport.Udp;

    /// <summary>
    /// A UDP send does not wait for the peer, so it is made synchronously: an asynchronous
    /// socket call would switch the descriptor to non-blocking for good, and the receive loop's
    /// blocking recvmmsg would then need a poll before every wait.
    /// </summary>
    public ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        _socket.SendTo(message.Span, SocketFlags.None, _client);
        return ValueTask.CompletedTask;
    }
}
