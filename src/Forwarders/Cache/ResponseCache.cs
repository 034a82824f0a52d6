using System.Collections.Concurrent;
using SplitDns.Protocol.Names;

namespace SplitDns.Forwarders.Cache;

/// <summary>
/// Upstream answers keyed by <see cref="CacheKey"/>, bounded by entries and bytes. Eviction is
/// CLOCK (second chance): a hit sets an entry's reference bit; the hand clears set bits and
/// evicts the first entry found without one, so popular entries survive floods of one-off
/// names at the cost of one flag write per hit. Expired entries stay for the serve-stale window
/// (RFC 8767). Only upstream data lives here: authoritative answers never do.
/// </summary>
public sealed class ResponseCache
{
    private readonly ConcurrentDictionary<CacheKey, CachedResponse> _entries = new();
    private readonly ConcurrentQueue<KeyValuePair<CacheKey, CachedResponse>> _clock = new();
    private readonly ResponseCacheOptions _options;
    private readonly ForwarderMetrics _metrics;
    private readonly object _evictLock = new();
    private long _bytes;

    public ResponseCache(ResponseCacheOptions options, ForwarderMetrics metrics)
    {
        _options = options;
        _metrics = metrics;
        metrics.ObserveCache(() => Count, () => Bytes);
    }

    public ResponseCacheOptions Options => _options;

    public long Count => _entries.Count;

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Finds an entry: fresh, stale (expired within the serve-stale window) or a miss.</summary>
    public CacheLookup TryGet(in CacheKey key, long nowMs, out CachedResponse? entry)
    {
        if (!_entries.TryGetValue(key, out entry))
        {
            return CacheLookup.Miss;
        }

        if (nowMs < entry.ExpiresAtMs)
        {
            return CacheLookup.Fresh;
        }

        if (_options.ServeStale && nowMs - entry.ExpiresAtMs < _options.MaxStaleAge.TotalMilliseconds)
        {
            return CacheLookup.Stale;
        }

        Remove(key, entry);
        entry = null;
        return CacheLookup.Miss;
    }

    /// <summary>Stores or replaces an answer, then evicts until both bounds hold.</summary>
    public void Store(CacheKey key, CachedResponse entry)
    {
        if (!entry.IsCacheable || !_options.Enabled || entry.Size > _options.MaxBytes)
        {
            return;
        }

        // Own the name's bytes: the caller's may live in a pooled receive buffer.
        key = key with { Name = DnsName.FromWire(key.Name.Wire) };
        while (true)
        {
            if (_entries.TryGetValue(key, out CachedResponse? old))
            {
                if (!_entries.TryUpdate(key, entry, old))
                {
                    continue;
                }

                Interlocked.Add(ref _bytes, entry.Size - old.Size);
            }
            else if (_entries.TryAdd(key, entry))
            {
                Interlocked.Add(ref _bytes, entry.Size);
            }
            else
            {
                continue;
            }

            break;
        }

        _clock.Enqueue(new KeyValuePair<CacheKey, CachedResponse>(key, entry));
        if (_entries.Count > _options.MaxEntries || Bytes > _options.MaxBytes || _clock.Count > (2 * _entries.Count) + 64)
        {
            Evict();
        }
    }

    /// <summary>Removes every entry for <paramref name="name"/> (any type), or for the whole subtree.</summary>
    public int Flush(DnsName name, bool subtree = false)
    {
        int removed = 0;
        foreach (KeyValuePair<CacheKey, CachedResponse> e in _entries)
        {
            if (subtree ? e.Key.Name.IsSubdomainOf(name) : e.Key.Name.Equals(name))
            {
                removed += Remove(e.Key, e.Value) ? 1 : 0;
            }
        }

        return removed;
    }

    public void FlushAll()
    {
        foreach (KeyValuePair<CacheKey, CachedResponse> e in _entries)
        {
            Remove(e.Key, e.Value);
        }
    }

    private bool Remove(CacheKey key, CachedResponse entry)
    {
        if (_entries.TryRemove(new KeyValuePair<CacheKey, CachedResponse>(key, entry)))
        {
            Interlocked.Add(ref _bytes, -entry.Size);
            return true;
        }

        return false;
    }

    private void Evict()
    {
        lock (_evictLock)
        {
            // Each live entry is passed at most twice (once to clear its bit, once to evict),
            // and entries replaced or removed meanwhile are dropped from the hand as found.
            int budget = (2 * _clock.Count) + 2;
            while (budget-- > 0 && _clock.TryDequeue(out KeyValuePair<CacheKey, CachedResponse> slot))
            {
                if (!_entries.TryGetValue(slot.Key, out CachedResponse? current) || !ReferenceEquals(current, slot.Value))
                {
                    continue;
                }

                bool over = _entries.Count > _options.MaxEntries || Bytes > _options.MaxBytes;
                if (!over)
                {
                    _clock.Enqueue(slot);
                    if (_clock.Count <= (2 * _entries.Count) + 64)
                    {
                        return;
                    }

                    continue;
                }

                if (slot.Value.Referenced)
                {
                    slot.Value.Referenced = false;
                    _clock.Enqueue(slot);
                    continue;
                }

                if (Remove(slot.Key, slot.Value))
                {
                    _metrics.CacheEvictions.Add(1);
                }
            }
        }
    }
}
