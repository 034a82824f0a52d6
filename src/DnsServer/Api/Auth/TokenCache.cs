using System.Collections.Concurrent;

namespace SplitDns.Server.Api.Auth;

/// <summary>
/// Validated stored tokens kept in memory for a short time (SplitDns:Api:TokenCacheSeconds), so an
/// API call is not a database round trip. Revoking on this replica evicts at once; another replica
/// sharing the database notices within the cache time, when its entry is read again.
/// </summary>
internal sealed class TokenCache
{
    /// <summary>An upper bound so a flood of distinct valid tokens cannot grow memory without limit.</summary>
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, CachedToken> _entries = new(StringComparer.Ordinal);
    private readonly TimeSpan _lifetime;

    public TokenCache(TimeSpan lifetime)
    {
        _lifetime = lifetime;
    }

    public bool TryGet(string key, DateTimeOffset now, out CachedToken entry)
    {
        if (_entries.TryGetValue(key, out entry!) && now - entry.Loaded < _lifetime)
        {
            return true;
        }

        return false;
    }

    public void Set(CachedToken entry)
    {
        if (_lifetime <= TimeSpan.Zero)
        {
            return;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[entry.Key] = entry;
    }

    public void Remove(string key) => _entries.TryRemove(key, out _);
}

/// <summary>A stored token as last read, with its usage (updated in place when usage is written).</summary>
internal sealed class CachedToken(string key, StoredToken token, DateTimeOffset loaded)
{
    public string Key { get; } = key;

    public StoredToken Token { get; } = token;

    public DateTimeOffset Loaded { get; } = loaded;

    public DateTimeOffset? LastUsed { get; set; }

    public DateTimeOffset? IdleExpires { get; set; }

    public bool IsExpired(DateTimeOffset now) => Token.Expires <= now || IdleExpires <= now;

    public ApiIdentity Identity => new(Token.User, Token.Role, Token.Name, Token.Session);
}
