using SplitDns.Blocking.Sources;

namespace SplitDns.Blocking;

/// <summary>The catalog's schedule: which lists are due, when to look again, and what each attempt does to a list's state.</summary>
public sealed partial class BlocklistCatalog
{
    private static readonly TimeSpan s_minDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_maxDelay = TimeSpan.FromHours(1);

    /// <summary>
    /// Downloads the URL lists that are due (never downloaded, or the cached copy is older than
    /// its refresh interval), then keeps refreshing each when due and re-reads local files whose
    /// time or size changed (checked every <see cref="BlockingOptions.FileCheckInterval"/>), on
    /// the catalog's <see cref="TimeProvider"/>. A failed download is retried after 1, 2, 4 ...
    /// minutes (at most an hour, at most the refresh interval). Returns, without throwing, when
    /// <paramref name="ct"/> is cancelled or the catalog is disposed.
    /// </summary>
    public async Task StartAsync(CancellationToken ct)
    {
        await Task.Yield(); // the host starts this in the background: return to it at once
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, _disposed.Token);
        CancellationToken token = stop.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                await RunDueAsync(token).ConfigureAwait(false);
                await Task.Delay(NextDelay(), _time, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // stopping: a download in flight is abandoned, its temporary file deleted
        }
    }

    private async Task RunDueAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            DateTimeOffset now = _time.GetUtcNow();
            var due = new List<ListSlot>();
            foreach (ListSlot slot in _slots)
            {
                if (slot.Url is not null ? slot.NextDue <= now : ListSlot.Stamp(slot.Options.Source) != slot.FileStamp)
                {
                    due.Add(slot);
                }
            }

            if (due.Count > 0)
            {
                await RefreshLockedAsync(due, ct).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.RoundFailed(_logger, e); // a bug; the schedule goes on
        }
        finally
        {
            _gate.Release();
        }
    }

    private TimeSpan NextDelay()
    {
        DateTimeOffset now = _time.GetUtcNow();
        TimeSpan delay = s_maxDelay;
        foreach (ListSlot slot in _slots)
        {
            TimeSpan next = slot.Url is not null ? slot.NextDue - now : _options.FileCheckInterval;
            if (next < delay)
            {
                delay = next;
            }
        }

        return delay < s_minDelay ? s_minDelay : delay;
    }

    private void Record(ListSlot slot, Fetched f, DateTimeOffset now, bool loading)
    {
        BlocklistState old = slot.State;
        if (f.FileStamp is { } stamp)
        {
            slot.FileStamp = stamp;
        }

        if (f.Cache is not null)
        {
            slot.Cache = f.Cache;
        }

        switch (f.Result)
        {
            case RefreshResult.Updated:
                slot.ContentHash = f.Parsed!.ContentHash;
                slot.Failures = 0;
                slot.State = old with
                {
                    Entries = f.Parsed.Count, InvalidLines = f.Parsed.InvalidLines, Problems = f.Parsed.Problems,
                    LastSuccess = f.FromCache ? f.Cache?.CheckedAt : now, LastAttempt = f.FromCache ? old.LastAttempt : now,
                    LastError = null, FromCache = f.FromCache,
                };
                LogLoaded(slot, f);
                break;
            case RefreshResult.NotModified:
                slot.Failures = 0;
                slot.State = old with { LastSuccess = now, LastAttempt = now, LastError = null };
                Log.ListNotModified(_logger, slot.Options.Name);
                break;
            default:
                slot.Failures++;
                slot.State = old with { LastAttempt = loading ? old.LastAttempt : now, LastError = f.Error };
                Log.ListFailed(_logger, slot.Options.Name, f.Error ?? "unknown error");
                break;
        }

        slot.NextDue = f.Result == RefreshResult.Failed
            ? (loading ? DateTimeOffset.MinValue : now + RetryDelay(slot))
            : (slot.Cache?.CheckedAt ?? now) + slot.Options.RefreshInterval;
    }

    private void LogLoaded(ListSlot slot, Fetched f)
    {
        Log.ListLoaded(_logger, slot.Options.Name, f.Origin, f.Parsed!.Count, f.Parsed.InvalidLines);
        if (f.Parsed.Problems.Count > 0)
        {
            ListProblem first = f.Parsed.Problems[0];
            Log.InvalidLines(_logger, slot.Options.Name, f.Parsed.InvalidLines, first.Line, first.Reason);
            foreach (ListProblem problem in f.Parsed.Problems)
            {
                Log.InvalidLine(_logger, slot.Options.Name, problem.Line, problem.Reason);
            }
        }
    }

    private static TimeSpan RetryDelay(ListSlot slot)
    {
        TimeSpan delay = TimeSpan.FromMinutes(Math.Pow(2, Math.Min(slot.Failures - 1, 6)));
        delay = delay > s_maxDelay ? s_maxDelay : delay;
        return delay > slot.Options.RefreshInterval ? slot.Options.RefreshInterval : delay;
    }
}
