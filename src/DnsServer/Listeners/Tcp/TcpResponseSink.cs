using System.Buffers.Binary;
using System.IO.Pipelines;
using SplitDns.Server.Processing;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Listeners.Tcp;

/// <summary>Writes length-prefixed messages (RFC 1035 §4.2.2) to a connection; a handler may send several.</summary>
internal sealed class TcpResponseSink : IResponseSink
{
    private readonly PipeWriter _output;

    public TcpResponseSink(PipeWriter output) => _output = output;

    public DnsTransport Transport => DnsTransport.Tcp;

    public async ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken ct = default)
    {
        if (message.Length > ushort.MaxValue)
        {
            throw new ArgumentException("a DNS message over TCP is at most 65535 octets", nameof(message));
        }

        Write(_output, message.Span);
        await _output.FlushAsync(ct).ConfigureAwait(false);
    }

    public static void Write(PipeWriter output, ReadOnlySpan<byte> message)
    {
        Span<byte> span = output.GetSpan(message.Length + 2);
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)message.Length);
        message.CopyTo(span[2..]);
        output.Advance(message.Length + 2);
    }
}
