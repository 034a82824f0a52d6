using System.Buffers;
using SplitDns.Server.Processing;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Listeners.Doh;

/// <summary>
/// Keeps the message a handler (UPDATE, NOTIFY, a transfer) sends for a DoH request: one HTTP
/// response carries one DNS message (RFC 8484 §4.2), so a second one (an AXFR stream, RFC 5936
/// §2.2) is only counted, and the request is answered with an error instead of half a zone.
/// </summary>
internal sealed class DohResponseSink : IResponseSink
{
    private byte[]? _message;

    public DnsTransport Transport => DnsTransport.Doh;

    /// <summary>Messages sent for the current request.</summary>
    public int Count { get; private set; }

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Message => _message is null ? default : _message.AsMemory(0, Length);

    public ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken ct = default)
    {
        if (message.Length > ushort.MaxValue)
        {
            throw new ArgumentException("a DNS message over DoH is at most 65535 octets here", nameof(message));
        }

        if (++Count == 1)
        {
            _message ??= ArrayPool<byte>.Shared.Rent(ushort.MaxValue);
            message.Span.CopyTo(_message);
            Length = message.Length;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Ready for the next request; the buffer goes back to the pool.</summary>
    public void Reset()
    {
        Count = 0;
        Length = 0;
        if (_message is not null)
        {
            ArrayPool<byte>.Shared.Return(_message);
            _message = null;
        }
    }
}
