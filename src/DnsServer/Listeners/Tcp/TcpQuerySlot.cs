using System.Buffers;
using System.Net;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Listeners.Tcp;

/// <summary>
/// Everything one in-flight TCP query needs: request and response buffers (pooled), its query
/// context and its handler sink. A connection reuses its first slot for every query answered
/// synchronously; more are made only while queries wait (forwarding, updates).
/// Buffers are sized to the need, not to the 64 KiB a DNS message may reach: the request buffer
/// to the frame, the response buffer to <see cref="SmallBuffer"/>. A full-size buffer (a large
/// frame, or an answer that does not fit) comes out of the connection's
/// <see cref="TcpBufferBudget"/> and goes back to the pool as soon as its query is done.
/// </summary>
internal sealed class TcpQuerySlot : IDisposable
{
    /// <summary>Buffers up to this size stay with the slot between queries.</summary>
    public const int SmallBuffer = 4096;

    /// <summary>A DNS message over TCP is at most 65,535 octets (RFC 1035 §4.2.2).</summary>
    public const int MaxMessage = ushort.MaxValue;

    private readonly TcpBufferBudget _budget;
    private byte[] _request = ArrayPool<byte>.Shared.Rent(512);
    private byte[] _response = ArrayPool<byte>.Shared.Rent(SmallBuffer);
    private byte[]? _smallResponse;
    private bool _largeRequest;

    public TcpQuerySlot(TcpSession session, IPEndPoint? client, TcpBufferBudget budget)
    {
        _budget = budget;
        Context.SetClient(client);
        Sink = new TcpResponseSink(session, this);
    }

    public byte[] Request => _request;

    /// <summary>The buffer the answer is encoded into: small, or full-size after <see cref="GrowResponseAsync"/>.</summary>
    public byte[] Response => _response;

    public QueryContext Context { get; } = new() { Transport = DnsTransport.Tcp };

    public TcpResponseSink Sink { get; }

    /// <summary>
    /// Makes the request buffer hold <paramref name="length"/> octets. A frame larger than
    /// <see cref="SmallBuffer"/> waits for the connection's budget (the read loop pauses: backpressure).
    /// </summary>
    public async ValueTask PrepareRequestAsync(int length, CancellationToken ct)
    {
        if (length <= _request.Length)
        {
            return;
        }

        if (length > SmallBuffer)
        {
            await _budget.AcquireRequestAsync(ct).ConfigureAwait(false);
            _largeRequest = true;
        }

        ArrayPool<byte>.Shared.Return(_request);
        _request = ArrayPool<byte>.Shared.Rent(length);
    }

    /// <summary>Swaps the small response buffer for a full-size one, within the connection's budget.</summary>
    public async ValueTask<Memory<byte>> GrowResponseAsync(CancellationToken ct)
    {
        if (_smallResponse is null)
        {
            await _budget.AcquireResponseAsync(ct).ConfigureAwait(false);
            _smallResponse = _response;
            _response = ArrayPool<byte>.Shared.Rent(MaxMessage);
        }

        return _response;
    }

    /// <summary>The query is done and its answer written: full-size buffers go back, with their budget.</summary>
    public void Release()
    {
        if (_smallResponse is not null)
        {
            ArrayPool<byte>.Shared.Return(_response);
            _response = _smallResponse;
            _smallResponse = null;
            _budget.ReleaseResponse();
        }

        if (_request.Length > SmallBuffer)
        {
            ArrayPool<byte>.Shared.Return(_request);
            _request = ArrayPool<byte>.Shared.Rent(512);
        }

        if (_largeRequest)
        {
            _largeRequest = false;
            _budget.ReleaseRequest();
        }
    }

    public void Dispose()
    {
        Release();
        ArrayPool<byte>.Shared.Return(_request);
        ArrayPool<byte>.Shared.Return(_response);
    }
}
