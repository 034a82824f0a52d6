using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Writing;

namespace SplitDns.Server.Updates.Guard;

/// <summary>The deletions one key made in one zone within the guard's window (callers hold the guard's lock).</summary>
internal sealed class DeletionWindow
{
    private readonly List<(DateTimeOffset At, int Count, ZoneChangeRequest Request)> _entries = [];

    // Records the key itself added within the window: deleting them again is churn, not a mass
    // deletion. The queue keeps them in time order so expiry costs O(expired), not O(window).
    private readonly Dictionary<string, DateTimeOffset> _added = new(StringComparer.Ordinal);
    private readonly Queue<(DateTimeOffset At, string Identity)> _addedOrder = new();

    /// <summary>Records deleted within the window.</summary>
    public int Total { get; private set; }

    public bool IsEmpty => _entries.Count == 0 && _added.Count == 0;

    /// <summary>Drops entries older than <paramref name="since"/>.</summary>
    public void Expire(DateTimeOffset since)
    {
        int gone = _entries.FindLastIndex(e => e.At < since) + 1;
        for (int i = 0; i < gone; i++)
        {
            Total -= _entries[i].Count;
        }

        _entries.RemoveRange(0, gone);
        while (_addedOrder.TryPeek(out var oldest) && oldest.At < since)
        {
            _addedOrder.Dequeue();

            // Added again later: the later time (still queued) keeps it.
            if (_added.TryGetValue(oldest.Identity, out DateTimeOffset at) && at == oldest.At)
            {
                _added.Remove(oldest.Identity);
            }
        }
    }

    /// <summary>Remembers the records an UPDATE that passed added.</summary>
    public void NoteAdded(DateTimeOffset at, IReadOnlyList<ResourceRecord> added)
    {
        foreach (ResourceRecord rr in added)
        {
            if (rr.Type != RecordType.SOA)
            {
                string identity = Identity(rr);
                _added[identity] = at;
                _addedOrder.Enqueue((at, identity));
            }
        }
    }

    /// <summary>True when the key added this record within the window.</summary>
    public bool AddedRecently(ResourceRecord rr) => _added.ContainsKey(Identity(rr));

    private static string Identity(ResourceRecord rr) =>
        $"{rr.Name.ToString().ToLowerInvariant()} {RecordTypeNames.ToText(rr.Type)} {rr.Data}";

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
        _added.Clear();
        _addedOrder.Clear();
        Total = 0;
    }
}
