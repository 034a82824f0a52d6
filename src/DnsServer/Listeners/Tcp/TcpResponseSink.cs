using System.Buffers.Binary;
using System.IO.Pipelines;
using SplitDns.Server.Processing;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Listeners.Tcp;

/// <summary>
/// Writes a handler's length-prefixed messages (RFC 1035 §4.2.2) to its connection. The first
/// message takes the connection's write turn and keeps it until the handler's query is done, so
/// an AXFR/IXFR stream (RFC 5936 §2.2) is never interleaved with other answers.
/// </summary>
internal sealed class TcpResponseSink : IResponseSink, IGrowableResponse
{
    private readonly TcpSession _session;
    private readonly TcpQuerySlot _slot;

    public TcpResponseSink(TcpSession session, TcpQuerySlot slot)
    {
        _session = session;
        _slot = slot;
    }

    public DnsTransport Transport => _session.Transport;

    /// <summary>True while this sink's query owns the connection's write turn.</summary>
    public bool HoldsWriteTurn { get; private set; }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken ct = default)
    {
        if (message.Length > ushort.MaxValue)
        {
            throw new ArgumentException("a DNS message over TCP is at most 65535 octets", nameof(message));
        }

        if (!HoldsWriteTurn)
        {
            await _session.Writer.AcquireTurnAsync().ConfigureAwait(false);
            HoldsWriteTurn = true;
        }

        _session.Writer.WriteFrame(message.Span);
        await _session.Writer.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>The query's answer needs more than the slot's small buffer.</summary>
    public ValueTask<Memory<byte>> GrowAsync(CancellationToken ct) => _slot.GrowResponseAsync(ct);

    /// <summary>Gives the write turn back (the query finished); no-op when it was never taken.</summary>
    public void ReleaseWriteTurn()
    {
        if (HoldsWriteTurn)
        {
            HoldsWriteTurn = false;
            _session.Writer.ReleaseTurn();
        }
    }

    public static void Write(PipeWriter output, ReadOnlySpan<byte> message)
    {
        Span<byte> span = output.GetSpan(message.Length + 2);
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)message.Length);
        message.CopyTo(span[2..]);
        output.Advance(message.Length + 2);
    }
}
