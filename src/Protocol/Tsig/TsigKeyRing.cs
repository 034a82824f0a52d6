using System.Diagnostics.CodeAnalysis;
using SplitDns.Protocol.Names;

namespace SplitDns.Protocol.Tsig;

/// <summary>An immutable key ring over a fixed set of keys (built from configuration at start-up).</summary>
public sealed class TsigKeyRing : ITsigKeyRing
{
    private readonly Dictionary<DnsName, TsigKey> _keys;

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

    public static TsigKeyRing Empty { get; } = new([]);

    public int Count => _keys.Count;

    public bool TryFind(DnsName name, [NotNullWhen(true)] out TsigKey? key) => _keys.TryGetValue(name, out key);
}
