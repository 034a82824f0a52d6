namespace SplitDns.Forwarders.Upstreams;

/// <summary>
/// One query waiting on a pooled UDP socket for its answer. It completes exactly once, with a
/// value: the answer, a timeout (a timer, not a cancellation exception), the caller giving up,
/// or a socket error the receive loop saw (ICMP port unreachable arrives as ConnectionRefused).
/// </summary>
internal sealed class UdpPendingExchange
{
    private readonly TaskCompletionSource<UpstreamExchange> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _timer;
    private CancellationTokenRegistration _timerRegistration;
    private CancellationTokenRegistration _callerRegistration;
    private UdpUpstreamSocket? _owner;

    public UdpPendingExchange(UpstreamQuery query, UpstreamCookieJar? cookies)
    {
        Query = query;
        Cookies = cookies;
    }

    public UpstreamQuery Query { get; }

    public ushort Id => Query.Id;

    /// <summary>The cookie jar whose client cookie the answer must echo (RFC 7873 §5.3), or null when cookies are off.</summary>
    public UpstreamCookieJar? Cookies { get; }

    public Task<UpstreamExchange> Completion => _done.Task;

    /// <summary>Starts the timeout and watches the caller's token; both end in <paramref name="socket"/>.Abandon.</summary>
    public void Arm(UdpUpstreamSocket socket, TimeSpan timeout, CancellationToken ct)
    {
        _owner = socket;
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            _timer = new CancellationTokenSource(timeout);
            _timerRegistration = _timer.Token.UnsafeRegister(
                static (state, _) => ((UdpPendingExchange)state!).Abandon(UpstreamExchange.TimedOut), this);
        }

        if (ct.CanBeCanceled)
        {
            _callerRegistration = ct.UnsafeRegister(
                static (state, _) => ((UdpPendingExchange)state!).Abandon(UpstreamExchange.Cancelled), this);
        }
    }

    private void Abandon(UpstreamExchange result) => _owner?.Abandon(this, result);

    /// <summary>True when this call completed it (the first result wins).</summary>
    public bool TryComplete(UpstreamExchange result)
    {
        if (!_done.TrySetResult(result))
        {
            return false;
        }

        // Unregister, not Dispose: this may run inside the timer's own callback.
        _timerRegistration.Unregister();
        _callerRegistration.Unregister();
        _timer?.Dispose();
        return true;
    }
}
