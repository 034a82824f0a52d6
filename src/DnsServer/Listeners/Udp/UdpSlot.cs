using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Listeners.Udp;

/// <summary>
/// Everything one UDP query needs, allocated once and reused: request and response buffers,
/// the client's address, the query context and the handler sink. The buffers and the address
/// stay pinned for the slot's life, so the batched loop hands their addresses to the kernel.
/// </summary>
internal sealed unsafe class UdpSlot
{
    // A DNS UDP message is at most 65535 bytes; the receive buffer takes any datagram whole.
    public const int BufferSize = 65535;

    // The address buffer is pinned once; slots live as long as their loop.
    private readonly MemoryHandle _clientPin;

    public UdpSlot(Socket socket, int listenerIndex)
    {
        Client = new SocketAddress(socket.AddressFamily);
        _clientPin = Client.Buffer.Pin();
        Sink = new UdpResponseSink(socket, Client);
        Context.SetClient(Client);
        Context.ListenerIndex = listenerIndex;
    }

    public byte[] Request { get; } = GC.AllocateUninitializedArray<byte>(BufferSize, pinned: true);

    public byte[] Response { get; } = GC.AllocateUninitializedArray<byte>(BufferSize, pinned: true);

    public SocketAddress Client { get; }

    public QueryContext Context { get; } = new() { Transport = DnsTransport.Udp };

    public UdpResponseSink Sink { get; }

    /// <summary>The request buffer's address (on the pinned object heap: it never moves).</summary>
    public byte* RequestPointer => (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(Request));

    public byte* ResponsePointer => (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(Response));

    /// <summary>The native socket address buffer the kernel fills with the sender.</summary>
    public byte* ClientPointer => (byte*)_clientPin.Pointer;

    public int ClientCapacity => Client.Buffer.Length;
}
