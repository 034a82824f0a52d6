namespace SplitDns.Server.Processing;

/// <summary>
/// Handles a message that is not an ordinary query: UPDATE (RFC 2136), NOTIFY (RFC 1996), and
/// QUERY for AXFR/IXFR (RFC 5936, RFC 1995). Registered per <see cref="MessageKind"/> with
/// <see cref="MessageHandlerServiceCollectionExtensions.AddDnsMessageHandler{T}"/>.
/// </summary>
public interface IMessageHandler
{
    ValueTask HandleAsync(DnsRequest request, IResponseSink sink, CancellationToken ct);
}
