using SplitDns.Server.Resolution;

namespace SplitDns.Server.Processing;

/// <summary>
/// Sends response messages for a <see cref="DnsRequest"/>. Over TCP it may be called several
/// times (an AXFR stream, RFC 5936 §2.2); over UDP once. The listener adds the TCP length prefix.
/// The bytes are copied before the call returns.
/// </summary>
public interface IResponseSink
{
    DnsTransport Transport { get; }

    ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken ct = default);
}
