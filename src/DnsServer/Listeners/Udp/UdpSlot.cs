using System.Net;
using System.Net.Sockets;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Listeners.Udp;

/// <summary>
/// Everything one UDP query needs, allocated once and reused: request and response buffers,
/// the client's address, the query context and the handler sink.
/// </summary>
internal sealed class UdpSlot
{
    // A DNS UDP message is at most 65535 bytes; the receive buffer takes any datagram whole.
    private const int BufferSize = 65535;

    public UdpSlot(Socket socket, int listenerIndex)
    {
        Client = new SocketAddress(socket.AddressFamily);
        Sink = new UdpResponseSink(socket, Client);
        Context.SetClient(Client);
        Context.ListenerIndex = listenerIndex;
    }

    public byte[] Request { get; } = GC.AllocateUninitializedArray<byte>(BufferSize, pinned: true);

    public byte[] Response { get; } = GC.AllocateUninitializedArray<byte>(BufferSize, pinned: true);

    public SocketAddress Client { get; }

    public QueryContext Context { get; } = new() { Transport = DnsTransport.Udp };

    public UdpResponseSink Sink { get; }
}
