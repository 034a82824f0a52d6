using System.Buffers;
using System.Net;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Listeners.Tcp;

/// <summary>
/// Everything one in-flight TCP query needs: request and response buffers (pooled), its query
/// context and its handler sink. A connection reuses its first slot for every query answered
/// synchronously; more are made only while queries wait (forwarding, updates).
/// </summary>
internal sealed class TcpQuerySlot : IDisposable
{
    private const int MaxMessage = ushort.MaxValue;

    public TcpQuerySlot(TcpSession session, IPEndPoint? client)
    {
        Context.SetClient(client);
        Sink = new TcpResponseSink(session);
    }

    public byte[] Request { get; } = ArrayPool<byte>.Shared.Rent(MaxMessage);

    public byte[] Response { get; } = ArrayPool<byte>.Shared.Rent(MaxMessage);

    public QueryContext Context { get; } = new() { Transport = DnsTransport.Tcp };

    public TcpResponseSink Sink { get; }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(Request);
        ArrayPool<byte>.Shared.Return(Response);
    }
}
