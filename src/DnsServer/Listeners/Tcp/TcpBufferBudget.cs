namespace SplitDns.Server.Listeners.Tcp;

/// <summary>
/// How many full-size (64 KiB) buffers one connection may hold at once: requests and responses
/// apart, so a query holding a large request never waits on one holding a large response for it
/// (no cycle). Pipelined small queries never touch it; a large one waits for a turn, which
/// keeps a connection's memory bounded (STYLE rule 12: bounded buffers, untrusted clients).
/// </summary>
internal sealed class TcpBufferBudget : IDisposable
{
    /// <summary>Full-size request buffers per connection (large frames: UPDATE, padded queries).</summary>
    public const int MaxLargeRequests = 2;

    /// <summary>Full-size response buffers per connection (answers over <see cref="TcpQuerySlot.SmallBuffer"/>).</summary>
    public const int MaxLargeResponses = 2;

    private readonly SemaphoreSlim _requests = new(MaxLargeRequests, MaxLargeRequests);
    private readonly SemaphoreSlim _responses = new(MaxLargeResponses, MaxLargeResponses);

    public ValueTask AcquireRequestAsync(CancellationToken ct) => Acquire(_requests, ct);

    public ValueTask AcquireResponseAsync(CancellationToken ct) => Acquire(_responses, ct);

    public void ReleaseRequest() => _requests.Release();

    public void ReleaseResponse() => _responses.Release();

    public void Dispose()
    {
        _requests.Dispose();
        _responses.Dispose();
    }

    private static ValueTask Acquire(SemaphoreSlim semaphore, CancellationToken ct) =>
        semaphore.Wait(0) ? default : new ValueTask(semaphore.WaitAsync(ct));
}
