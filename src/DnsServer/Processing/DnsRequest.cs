using System.Net;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Processing;

/// <summary>
/// A message handed to an <see cref="IMessageHandler"/>: the raw bytes (TSIG is verified over
/// them, RFC 8945 §4.3.3), the parsed message, the client and the transport. <see cref="Raw"/>
/// is valid until the handler's task completes.
/// </summary>
public sealed class DnsRequest
{
    public DnsRequest(ReadOnlyMemory<byte> raw, DnsMessage message, IPEndPoint client, DnsTransport transport)
    {
        Raw = raw;
        Message = message;
        Client = client;
        Transport = transport;
    }

    public ReadOnlyMemory<byte> Raw { get; }

    public DnsMessage Message { get; }

    public IPEndPoint Client { get; }

    public DnsTransport Transport { get; }

    /// <summary>The view selected for the client (UPDATE, transfers and NOTIFY act on its zones first).</summary>
    public Views.DnsView? View { get; init; }

    /// <summary>The largest response the client accepts over this transport (UDP: EDNS size or 512).</summary>
    public int MaxResponseSize { get; init; } = 65535;
}
