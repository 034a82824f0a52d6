using System.Buffers;
using System.Collections.Concurrent;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Listeners.Doh;

/// <summary>
/// What one DoH request needs: a query context (reset by the processor per message), the handler
/// sink and two pooled 64 KiB buffers (request and response: RFC 8484 allows a full 65,535-octet
/// message either way, and the pool makes the size free). Slots are reused through
/// <see cref="Pool"/>, so a request allocates no context.
/// </summary>
internal sealed class DohQuerySlot
{
    /// <summary>One more than the largest message, so a longer body is seen without reading it all.</summary>
    public const int BufferSize = ushort.MaxValue + 1;

    public QueryContext Context { get; } = new() { Transport = DnsTransport.Doh };

    public DohResponseSink Sink { get; } = new();

    public byte[] Request { get; private set; } = [];

    public byte[] Response { get; private set; } = [];

    public void Rent()
    {
        Request = ArrayPool<byte>.Shared.Rent(BufferSize);
        Response = ArrayPool<byte>.Shared.Rent(BufferSize);
    }

    public void Return()
    {
        ArrayPool<byte>.Shared.Return(Request);
        ArrayPool<byte>.Shared.Return(Response);
        Request = [];
        Response = [];
        Sink.Reset();
        Context.SetClient((System.Net.IPEndPoint?)null);
    }

    /// <summary>A bounded free list of slots (contexts are a few KiB each; more than this are made and dropped).</summary>
    public sealed class Pool
    {
        private const int Keep = 64;
        private readonly ConcurrentQueue<DohQuerySlot> _free = new();

        public DohQuerySlot Take()
        {
            DohQuerySlot slot = _free.TryDequeue(out DohQuerySlot? free) ? free : new DohQuerySlot();
            slot.Rent();
            return slot;
        }

        public void Give(DohQuerySlot slot)
        {
            slot.Return();
            if (_free.Count < Keep)
            {
                _free.Enqueue(slot);
            }
        }
    }
}
