using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using SplitDns.Blocking.Sources;

namespace SplitDns.Blocking;

/// <summary>
/// The configured lists and the one <see cref="BlockingIndex"/> built from them. Lists load from
/// files and from the download cache (<see cref="LoadLocalAsync"/>), are downloaded and re-read
/// on their schedule (<see cref="StartAsync"/>) or on demand (<see cref="RefreshAsync"/>). Each
/// change builds a new index that is swapped in whole; <see cref="Match"/> callers read
/// <see cref="Index"/> without locks. A list that fails keeps its last good entries.
/// </summary>
public sealed partial class BlocklistCatalog : IDisposable
{
    private readonly BlockingOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ListSlot[] _slots;
    private readonly Dictionary<string, int> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly ListFetcher _fetcher;
    private readonly BlockingMetrics _metrics;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();
    private BlockingIndex _index = BlockingIndex.Empty;
    private BlocklistState[] _states;

    public BlocklistCatalog(BlockingOptions options, HttpClient http, ILogger logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Lists.Count > BlockingIndex.MaxLists)
        {
            throw new ArgumentException($"at most {BlockingIndex.MaxLists} lists are supported, not {options.Lists.Count}", nameof(options));
        }

        _options = options;
        _logger = logger;
        _time = time;
        _slots = new ListSlot[options.Lists.Count];
        for (int i = 0; i < _slots.Length; i++)
        {
            _slots[i] = new ListSlot(options.Lists[i], i);
            _byName.TryAdd(options.Lists[i].Name, i);
        }

        _states = [.. _slots.Select(s => s.State)];
        _fetcher = new ListFetcher(new ListCache(options.CacheDirectory), new ListDownloader(http, options, time), time);
        _metrics = new BlockingMetrics(() => Lists, () => Index);
    }

    /// <summary>Raised after a new index is swapped in (on the refreshing thread).</summary>
    public event Action<BlockingIndex>? IndexSwapped;

    /// <summary>The current index; a new instance after any list changed.</summary>
    public BlockingIndex Index => Volatile.Read(ref _index);

    /// <summary>Every list's state, in configuration order (list i is bit i of a mask).</summary>
    public IReadOnlyList<BlocklistState> Lists => Volatile.Read(ref _states);

    /// <summary>The "SplitDns.Blocking" meter (list gauges, index size, refresh counter).</summary>
    public Meter Meter => _metrics.Meter;

    /// <summary>The catalog index (mask bit) of the list named <paramref name="name"/> (case-insensitive); -1 when unknown.</summary>
    public int IndexOf(string name) => _byName.TryGetValue(name, out int i) ? i : -1;

    /// <summary>
    /// Loads every file list and the cached copies of URL lists, then builds the index once, so a
    /// restart without network blocks before any download. Never throws for a missing or bad
    /// file: the list's <see cref="BlocklistState.LastError"/> says why and a warning is logged.
    /// </summary>
    public async Task LoadLocalAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var fetched = new List<(ListSlot, Fetched)>();
            foreach (ListSlot slot in _slots)
            {
                ct.ThrowIfCancellationRequested();
                Fetched? f = slot.Url is null ? _fetcher.ReadFile(slot) : _fetcher.ReadCached(slot);
                if (f is not null)
                {
                    fetched.Add((slot, f));
                }
            }

            Apply(fetched, loading: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Refreshes the list named <paramref name="name"/>, or all lists when null: URL lists are
    /// downloaded (conditional GET), files re-read. Throws <see cref="ArgumentException"/> for an
    /// unknown name. Refreshes never overlap (a scheduled one in progress is waited for).
    /// </summary>
    public async Task<IReadOnlyList<RefreshOutcome>> RefreshAsync(string? name, CancellationToken ct)
    {
        ListSlot[] lists;
        if (name is null)
        {
            lists = _slots;
        }
        else
        {
            int i = IndexOf(name);
            lists = i >= 0 ? [_slots[i]] : throw new ArgumentException($"no blocklist is named '{name}'", nameof(name));
        }

        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await RefreshLockedAsync(lists, ct).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IReadOnlyList<RefreshOutcome>> RefreshLockedAsync(IReadOnlyList<ListSlot> lists, CancellationToken ct)
    {
        var fetched = new List<(ListSlot, Fetched)>(lists.Count);
        foreach (ListSlot slot in lists)
        {
            Fetched f;
            try
            {
                f = slot.Url is null ? _fetcher.ReadFile(slot) : await _fetcher.DownloadAsync(slot, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                f = Fetched.Failed(e.Message, slot.Options.Source); // the cache folder, not the source
            }

            fetched.Add((slot, f));
        }

        Apply(fetched, loading: false);
        return [.. fetched.Select(x => new RefreshOutcome(x.Item1.Options.Name, x.Item2.Result, x.Item2.Error))];
    }

    /// <summary>Builds and swaps in the index with the updated lists, then publishes every list's new state.</summary>
    private void Apply(List<(ListSlot Slot, Fetched Fetched)> fetched, bool loading)
    {
        var updated = fetched.Where(x => x.Fetched.Result == RefreshResult.Updated).ToList();
        if (updated.Count > 0)
        {
            Swap(Rebuild(updated));
        }

        DateTimeOffset now = _time.GetUtcNow();
        foreach ((ListSlot slot, Fetched f) in fetched)
        {
            Record(slot, f, now, loading);
            if (!loading)
            {
                _metrics.Refreshed(slot.Options.Name, f.Result);
            }
        }

        Volatile.Write(ref _states, [.. _slots.Select(s => s.State)]);
    }

    /// <summary>
    /// The new index: the largest updated list's own builder is the base (no copy of it), the
    /// other updated lists and the entries of unchanged lists from the current index are added.
    /// Peak memory is the current index + the updated lists' builders + the growth of the base.
    /// </summary>
    private BlockingIndex Rebuild(List<(ListSlot Slot, Fetched Fetched)> updated)
    {
        long started = Stopwatch.GetTimestamp();
        updated.Sort((a, b) => b.Fetched.Parsed!.Count.CompareTo(a.Fetched.Parsed!.Count));
        uint replaced = 0;
        foreach ((ListSlot slot, _) in updated)
        {
            replaced |= slot.Mask;
        }

        BlockingIndexBuilder builder = updated[0].Fetched.Parsed!.Entries;
        builder.AddFrom(Index, ~replaced);
        for (int i = 1; i < updated.Count; i++)
        {
            builder.AddFrom(updated[i].Fetched.Parsed!.Entries);
        }

        BlockingIndex index = builder.Build();
        Log.IndexBuilt(_logger, index.Count, index.MemoryBytes / 1048576.0, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return index;
    }

    private void Swap(BlockingIndex index)
    {
        Volatile.Write(ref _index, index);
        IndexSwapped?.Invoke(index);
    }

    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel(); // ends StartAsync; not disposed, so a late StartAsync still sees it cancelled
        _metrics.Dispose();
    }
}
