using System.Text;
using SplitDns.Protocol.Wire;

namespace SplitDns.Forwarders.Upstreams;

/// <summary>
/// An ordered list of upstream servers with a strategy. Servers marked down are skipped while
/// any other is up. When all are down the group short-circuits: queries fail at once (the
/// resolver answers stale or SERVFAIL with EDE 22) without paying every server's timeout,
/// except one query per <see cref="AllDownRetryInterval"/>, which tries them all in order and so
/// doubles as a probe next to each server's own. The caller's token carries the overall deadline.
/// </summary>
public sealed class UpstreamGroup : IAsyncDisposable
{
    private readonly UpstreamServer[] _servers;
    private readonly TimeSpan _tryTimeout;
    private readonly int _exploreEvery;
    private readonly CancellationTokenSource _disposed = new();
    private int _queryCount;
    private long _nextAllDownTryMs;

    public UpstreamGroup(IReadOnlyList<UpstreamServer> servers, UpstreamStrategy strategy, TimeSpan tryTimeout, int exploreEvery = 20)
    {
        if (servers.Count == 0)
        {
            throw new ArgumentException("an upstream group needs at least one server", nameof(servers));
        }

        _servers = [.. servers];
        Strategy = strategy;
        _tryTimeout = tryTimeout;
        _exploreEvery = Math.Max(2, exploreEvery);
    }

    public UpstreamStrategy Strategy { get; }

    /// <summary>Distinguishes groups in the response cache (<see cref="Cache.CacheKey.Partition"/>).</summary>
    public int Id { get; init; }

    public IReadOnlyList<UpstreamServer> Servers => _servers;

    /// <summary>While every server is down, one query in this interval is still sent (the rest short-circuit).</summary>
    public TimeSpan AllDownRetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Where short-circuited queries are counted; null counts nothing.</summary>
    public ForwarderMetrics? Metrics { get; init; }

    public Task<UpstreamOutcome> ResolveAsync(DnsQuestion question, bool dnssecOk, bool checkingDisabled, CancellationToken ct)
    {
        UpstreamServer[] order = Candidates();
        if (order.Length == 0)
        {
            Metrics?.ShortCircuited.Add(1);
            return Task.FromResult(new UpstreamOutcome(null, null, "every upstream is marked down"));
        }

        var failures = new StringBuilder();
        switch (Strategy)
        {
            case UpstreamStrategy.Parallel:
                return ParallelAsync(order, question, dnssecOk, checkingDisabled, failures, ct);
            case UpstreamStrategy.Fastest:
                order = [.. order.OrderBy(s => s.SmoothedRttMs)];
                Explore(order, question, dnssecOk, checkingDisabled);
                return InOrderAsync(order, 0, question, dnssecOk, checkingDisabled, failures, ct);
            default:
                return InOrderAsync(order, 0, question, dnssecOk, checkingDisabled, failures, ct);
        }
    }

    private UpstreamServer[] Candidates()
    {
        var up = new List<UpstreamServer>(_servers.Length);
        foreach (UpstreamServer s in _servers)
        {
            if (s.IsUp)
            {
                up.Add(s);
            }
        }

        if (up.Count > 0)
        {
            if (Volatile.Read(ref _nextAllDownTryMs) != 0)
            {
                Volatile.Write(ref _nextAllDownTryMs, 0);
            }

            return [.. up];
        }

        return TryClaimAllDownTry() ? _servers : [];
    }

    /// <summary>
    /// True for one caller per <see cref="AllDownRetryInterval"/> while every server is down; the
    /// interval starts when the group first finds them all down (the failures that marked them
    /// down were tries already).
    /// </summary>
    private bool TryClaimAllDownTry()
    {
        long now = Environment.TickCount64;
        long interval = (long)AllDownRetryInterval.TotalMilliseconds;
        long next = Volatile.Read(ref _nextAllDownTryMs);
        if (next == 0)
        {
            Interlocked.CompareExchange(ref _nextAllDownTryMs, now + interval, 0);
            return false;
        }

        return now >= next && Interlocked.CompareExchange(ref _nextAllDownTryMs, now + interval, next) == next;
    }

    private async Task<UpstreamOutcome> InOrderAsync(UpstreamServer[] order, int start, DnsQuestion question,
        bool dnssecOk, bool checkingDisabled, StringBuilder failures, CancellationToken ct)
    {
        for (int i = start; i < order.Length && !ct.IsCancellationRequested; i++)
        {
            UpstreamAttempt attempt = await order[i].QueryAsync(question, dnssecOk, checkingDisabled, _tryTimeout, ct).ConfigureAwait(false);
            if (attempt.IsAnswer)
            {
                return UpstreamOutcome.Success(attempt);
            }

            Note(failures, attempt);
        }

        return Failed(failures, ct);
    }

    /// <summary>Both of the first two servers at once; the first good answer wins, the other is cancelled.</summary>
    private async Task<UpstreamOutcome> ParallelAsync(UpstreamServer[] order, DnsQuestion question, bool dnssecOk,
        bool checkingDisabled, StringBuilder failures, CancellationToken ct)
    {
        if (order.Length < 2)
        {
            return await InOrderAsync(order, 0, question, dnssecOk, checkingDisabled, failures, ct).ConfigureAwait(false);
        }

        using var race = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pending = new List<Task<UpstreamAttempt>>(2)
        {
            order[0].QueryAsync(question, dnssecOk, checkingDisabled, _tryTimeout, race.Token),
            order[1].QueryAsync(question, dnssecOk, checkingDisabled, _tryTimeout, race.Token),
        };
        while (pending.Count > 0)
        {
            Task<UpstreamAttempt> done = await Task.WhenAny(pending).ConfigureAwait(false);
            pending.Remove(done);
            UpstreamAttempt attempt = await done.ConfigureAwait(false);
            if (attempt.IsAnswer)
            {
                await race.CancelAsync().ConfigureAwait(false);
                return UpstreamOutcome.Success(attempt);
            }

            Note(failures, attempt);
        }

        return await InOrderAsync(order, 2, question, dnssecOk, checkingDisabled, failures, ct).ConfigureAwait(false);
    }

    /// <summary>Now and then a copy of the query goes to another server so its RTT stays known.</summary>
    private void Explore(UpstreamServer[] order, DnsQuestion question, bool dnssecOk, bool checkingDisabled)
    {
        if (order.Length < 2 || Interlocked.Increment(ref _queryCount) % _exploreEvery != 0)
        {
            return;
        }

        UpstreamServer other = order[1 + Random.Shared.Next(order.Length - 1)];
        _ = other.QueryAsync(question, dnssecOk, checkingDisabled, _tryTimeout, _disposed.Token);
    }

    private static void Note(StringBuilder failures, UpstreamAttempt attempt)
    {
        if (attempt.Status == UpstreamAttemptStatus.Cancelled)
        {
            return;
        }

        if (failures.Length > 0)
        {
            failures.Append("; ");
        }

        failures.Append(attempt.Server.Label).Append(' ').Append(attempt.Error);
    }

    private static UpstreamOutcome Failed(StringBuilder failures, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            failures.Append(failures.Length > 0 ? "; " : string.Empty).Append("deadline reached");
        }

        return new UpstreamOutcome(null, null, failures.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync().ConfigureAwait(false);
        foreach (UpstreamServer s in _servers)
        {
            await s.DisposeAsync().ConfigureAwait(false);
        }
    }
}
