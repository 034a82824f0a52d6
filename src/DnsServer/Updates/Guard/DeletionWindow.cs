using SplitDns.ZoneStore.Writing;

namespace SplitDns.Server.Updates.Guard;

/// <summary>The deletions one key made in one zone within the guard's window (callers hold the guard's lock).</summary>
internal sealed class DeletionWindow
{
    private readonly List<(DateTimeOffset At, int Count, ZoneChangeRequest Request)> _entries = [];

    /// <summary>Records deleted within the window.</summary>
    public int Total { get; private set; }

    public bool IsEmpty => _entries.Count == 0;

    /// <summary>Drops entries older than <paramref name="since"/>.</summary>
    public void Expire(DateTimeOffset since)
    {
        int gone = _entries.FindLastIndex(e => e.At < since) + 1;
        for (int i = 0; i < gone; i++)
        {
            Total -= _entries[i].Count;
        }

        _entries.RemoveRange(0, gone);
    }

    /// <summary>
    /// Forgets what an earlier check of the same request counted: a batch re-applied after a
    /// commit conflict checks each request again.
    /// </summary>
    public void Forget(ZoneChangeRequest request)
    {
        int i = _entries.FindIndex(e => ReferenceEquals(e.Request, request));
        if (i >= 0)
        {
            Total -= _entries[i].Count;
            _entries.RemoveAt(i);
        }
    }

    public void Add(DateTimeOffset at, int count, ZoneChangeRequest request)
    {
        _entries.Add((at, count, request));
        Total += count;
    }

    public void Clear()
    {
        _entries.Clear();
        Total = 0;
    }
}
