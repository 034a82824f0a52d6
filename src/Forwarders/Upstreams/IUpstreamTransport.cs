namespace SplitDns.Forwarders.Upstreams;

/// <summary>
/// Carries one query to one upstream server and returns the first answer that
/// <see cref="UpstreamQuery.Matches"/> the query. Timeouts arrive as cancellation of
/// <c>ct</c>; network failures as exceptions. One implementation per transport kind.
/// </summary>
public interface IUpstreamTransport : IAsyncDisposable
{
    ValueTask<byte[]> ExchangeAsync(UpstreamQuery query, CancellationToken ct);
}
