namespace SplitDns.Forwarders.Upstreams;

/// <summary>
/// Carries one query to one upstream server and returns the first answer that
/// <see cref="UpstreamQuery.Matches"/> the query. <see cref="ExchangeAsync"/> reports timeouts
/// as cancellation of <c>ct</c> and network failures as exceptions; <see cref="TryExchangeAsync"/>
/// reports both as values, and is what <see cref="UpstreamServer"/> calls. One implementation per
/// transport kind; UDP implements the value form natively.
/// </summary>
public interface IUpstreamTransport : IAsyncDisposable
{
    ValueTask<byte[]> ExchangeAsync(UpstreamQuery query, CancellationToken ct);

    /// <summary>One exchange that waits at most <paramref name="timeout"/> and never throws for network trouble.</summary>
    ValueTask<UpstreamExchange> TryExchangeAsync(UpstreamQuery query, TimeSpan timeout, CancellationToken ct) =>
        UpstreamExchange.FromThrowingAsync(this, query, timeout, ct);
}
