namespace SplitDns.Server.Listeners.Udp;

/// <summary>
/// UDP queries of one listen endpoint waiting for an answer (forwarded, UPDATE, NOTIFY), shared by
/// its receive loops (SplitDns:Limits:UdpQueriesInFlight). Each holds a <see cref="UdpSlot"/>
/// (2 x 64 KiB, pinned), so the bound is also the bound on those slots. Loops check
/// <see cref="IsFull"/> before each query and enter only after the query went asynchronous, so two
/// loops racing may overshoot by at most one query each.
/// </summary>
internal sealed class UdpInFlightBudget
{
    private readonly int _limit;
    private int _inFlight;

    public UdpInFlightBudget(int limit) => _limit = limit;

    /// <summary>True when no further query may wait: the next one must be answered at once or dropped.</summary>
    public bool IsFull => Volatile.Read(ref _inFlight) >= _limit;

    public int InFlight => Volatile.Read(ref _inFlight);

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Exit() => Interlocked.Decrement(ref _inFlight);
}
