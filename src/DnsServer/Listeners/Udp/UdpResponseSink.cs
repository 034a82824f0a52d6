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

    public async ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken ct = default) =>
        await _socket.SendToAsync(message, SocketFlags.None, _client, ct).ConfigureAwait(false);
}
