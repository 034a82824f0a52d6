using SplitDns.Forwarders.Cache;

namespace SplitDns.Forwarders;

public sealed partial class ForwardingResolver
{
    /// <summary>The EXTRA-TEXT of EDE 3 when the client-response timer served a stale answer.</summary>
    public const string StaleSlowUpstreamText = "upstream did not answer in time";

    /// <summary>
    /// RFC 8767 §5 client-response timer: the client waits at most
    /// <see cref="ResponseCacheOptions.StaleClientTimeout"/> for the upstream; then it gets the
    /// stale entry (TTL <see cref="ResponseCacheOptions.StaleTtl"/>, EDE 3) while the upstream
    /// query goes on and refreshes the cache when it answers.
    /// </summary>
    private Task<ForwardResult> ResolveOrStaleAsync(Task<ForwardResult> running, CachedResponse stale, CancellationToken ct)
    {
        TimeSpan timer = _options.Cache.StaleClientTimeout;
        return running.IsCompleted || timer <= TimeSpan.Zero ? running.WaitAsync(ct) : StaleAfterTimerAsync(running, stale, timer, ct);
    }

    private async Task<ForwardResult> StaleAfterTimerAsync(Task<ForwardResult> running, CachedResponse stale, TimeSpan timer,
        CancellationToken ct)
    {
        using var delayCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            Task delay = Task.Delay(timer, delayCts.Token);
            if (await Task.WhenAny(running, delay).ConfigureAwait(false) == running || ct.IsCancellationRequested)
            {
                return await running.WaitAsync(ct).ConfigureAwait(false);
            }
        }
        finally
        {
            // Releases the delay's timer when the upstream won.
            await delayCts.CancelAsync().ConfigureAwait(false);
        }

        _metrics.CacheStale.Add(1);
        return ForwardResult.Stale(stale, _clockMs(), _options.Cache.StaleTtl, StaleSlowUpstreamText);
    }
}
