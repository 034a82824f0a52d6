using System.Diagnostics.CodeAnalysis;
using SplitDns.Protocol.Names;

namespace SplitDns.Protocol.Tsig;

/// <summary>
/// The server's keys: those from configuration at start-up, and keys added or removed at run time
/// (the HTTP API). Lookups read one immutable map without locks; a change copies the map and swaps
/// it in (STYLE rule 6), so a request is verified against the keys as they were when it arrived.
/// </summary>
public sealed class TsigKeyRing : ITsigKeyRing
{
    private readonly Lock _writeLock = new();
    private Dictionary<DnsName, TsigKey> _keys;

    public TsigKeyRing(IEnumerable<TsigKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = [];
        foreach (TsigKey key in keys)
        {
            // DnsName equality ignores case, so "MyKey." and "mykey." are the same key (RFC 8945 §4.2).
            if (!_keys.TryAdd(key.Name, key))
            {
                throw new ArgumentException($"TSIG key {key.Name} is defined twice", nameof(keys));
            }
        }
    }

    /// <summary>A new ring without keys (each call its own, since rings can change).</summary>
    public static TsigKeyRing Empty => new([]);

    public int Count => Volatile.Read(ref _keys).Count;

    /// <summary>The keys now, in no particular order.</summary>
    public IReadOnlyCollection<TsigKey> Keys => Volatile.Read(ref _keys).Values;

    public bool TryFind(DnsName name, [NotNullWhen(true)] out TsigKey? key) => Volatile.Read(ref _keys).TryGetValue(name, out key);

    /// <summary>Adds a key; false (nothing changed) when one of that name exists.</summary>
    public bool TryAdd(TsigKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_writeLock)
        {
            if (_keys.ContainsKey(key.Name))
            {
                return false;
            }

            var next = new Dictionary<DnsName, TsigKey>(_keys) { [key.Name] = key };
            Volatile.Write(ref _keys, next);
            return true;
        }
    }

    /// <summary>Removes the key of that name; false when there was none.</summary>
    public bool Remove(DnsName name)
    {
        lock (_writeLock)
        {
            var next = new Dictionary<DnsName, TsigKey>(_keys);
            if (!next.Remove(name))
            {
                return false;
            }

            Volatile.Write(ref _keys, next);
            return true;
        }
    }
}
