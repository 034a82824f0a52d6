using System.Net.Sockets;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Listeners.Udp;

/// <summary>
/// Everything one datagram in flight needs: request and response buffers, the client address,
/// a query context and a sink. A receive loop owns one; it takes a spare only when an answer
/// goes asynchronous (a forwarded cache miss), so the loop keeps receiving meanwhile.
/// </summary>
internal sealed class UdpSlot
{
    // A DNS UDP message is at most 65535 bytes; the receive buffer takes any datagram whole.
    public const int BufferSize = 65535;

    public UdpSlot(Socket socket, bool pinned)
    {
        Request = GC.AllocateUninitializedArray<byte>(BufferSize, pinned);
        Response = GC.AllocateUninitializedArray<byte>(BufferSize, pinned);
        Client = new System.Net.SocketAddress(socket.AddressFamily);
        Sink = new UdpResponseSink(socket, Client);
        Context.SetClient(Client);
    }

    public byte[] Request { get; }

    public byte[] Response { get; }

    public System.Net.SocketAddress Client { get; }

    public QueryContext Context { get; } = new() { Transport = DnsTransport.Udp };

    public UdpResponseSink Sink { get; }
}
