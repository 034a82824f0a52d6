using SplitDns.Forwarders.Cache;
using SplitDns.Forwarders.Tests.Fakes;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Forwarders.Tests.Cache;

public class ResponseCacheTests
{
    private static (CacheKey Key, CachedResponse Entry) Entry(string name, uint ttl, long now, ResponseCacheOptions options)
    {
        var query = new DnsMessage();
        query.Questions.Add(new DnsQuestion(DnsName.Parse(name), RecordType.A));
        var key = new CacheKey(DnsName.Parse(name), RecordType.A, DnsClass.IN, false, false);
        return (key, CachedResponse.Create(Answers.A(query, "192.0.2.1", ttl), false, options, now));
    }

    [Fact]
    public void TryGet_FreshThenStaleThenGone()
    {
        var options = new ResponseCacheOptions { MaxStaleAge = TimeSpan.FromSeconds(100) };
        var cache = new ResponseCache(options, new ForwarderMetrics());
        (CacheKey key, CachedResponse entry) = Entry("a.example.", 10, 0, options);
        cache.Store(key, entry);

        Assert.Equal(CacheLookup.Fresh, cache.TryGet(key, 9_999, out _));
        Assert.Equal(CacheLookup.Stale, cache.TryGet(key, 10_000, out _));
        Assert.Equal(CacheLookup.Miss, cache.TryGet(key, 110_000, out _));
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.Bytes);
    }

    [Fact]
    public void Store_ZeroTtl_NotCached()
    {
        var options = new ResponseCacheOptions();
        var cache = new ResponseCache(options, new ForwarderMetrics());
        (CacheKey key, CachedResponse entry) = Entry("zero.example.", 0, 0, options);

        cache.Store(key, entry);

        Assert.Equal(CacheLookup.Miss, cache.TryGet(key, 0, out _));
    }

    [Fact]
    public void Evict_Flood_KeepsReferencedEntries()
    {
        var options = new ResponseCacheOptions { MaxEntries = 100 };
        var cache = new ResponseCache(options, new ForwarderMetrics());
        (CacheKey hotKey, CachedResponse hot) = Entry("hot.example.", 300, 0, options);
        cache.Store(hotKey, hot);

        for (int i = 0; i < 2_000; i++)
        {
            (CacheKey k, CachedResponse e) = Entry($"cold{i}.example.", 300, 0, options);
            cache.Store(k, e);
            if (cache.TryGet(hotKey, 1, out CachedResponse? found) == CacheLookup.Fresh)
            {
                found!.RecordHit();
            }

            Assert.True(cache.Count <= 100);
        }

        Assert.Equal(CacheLookup.Fresh, cache.TryGet(hotKey, 1, out _));
    }

    [Fact]
    public void Flush_Subtree_RemovesNamesBelow()
    {
        var options = new ResponseCacheOptions();
        var cache = new ResponseCache(options, new ForwarderMetrics());
        foreach (string n in new[] { "a.zone.example.", "b.a.zone.example.", "zone.example.", "other.example." })
        {
            (CacheKey k, CachedResponse e) = Entry(n, 300, 0, options);
            cache.Store(k, e);
        }

        Assert.Equal(3, cache.Flush(DnsName.Parse("zone.example."), subtree: true));
        Assert.Equal(1, cache.Count);
    }
}
