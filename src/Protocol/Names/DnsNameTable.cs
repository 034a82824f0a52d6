namespace SplitDns.Protocol.Names;

/// <summary>
/// An immutable map from names (case-insensitive, RFC 4343) to values, looked up by a
/// <see cref="DnsNameSuffixWalk"/>'s current suffix: longest-suffix matching (the deepest zone
/// containing a name) then costs one probe per label with no rehashing of the suffix. Open
/// addressing, at most half full; the keys are configuration (zone origins, forwarder zones),
/// not query input. Reads allocate nothing and need no lock.
/// </summary>
public sealed class DnsNameTable<T>
    where T : class
{
    private readonly int[] _slots; // entry index + 1; 0 is empty
    private readonly uint[] _hashes;
    private readonly byte[][] _wires;
    private readonly DnsName[] _keys;
    private readonly T[] _values;
    private readonly int _shift;

    /// <param name="entries">Distinct names (a later duplicate replaces the earlier one).</param>
    public DnsNameTable(IEnumerable<KeyValuePair<DnsName, T>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var byName = new Dictionary<DnsName, T>();
        foreach (KeyValuePair<DnsName, T> entry in entries)
        {
            byName[entry.Key] = entry.Value;
        }

        int count = byName.Count;
        int bits = 2;
        while ((1 << bits) < count * 2)
        {
            bits++;
        }

        _shift = 32 - bits;
        _slots = new int[1 << bits];
        _hashes = new uint[count];
        _wires = new byte[count][];
        _keys = new DnsName[count];
        _values = new T[count];
        int n = 0;
        foreach ((DnsName name, T value) in byName)
        {
            _keys[n] = name;
            _wires[n] = name.Wire.ToArray();
            _hashes[n] = DnsNameSuffixWalk.HashOf(name.Wire);
            _values[n] = value;
            int slot = Slot(_hashes[n]);
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & (_slots.Length - 1);
            }

            _slots[slot] = ++n;
        }
    }

    public static DnsNameTable<T> Empty { get; } = new([]);

    public int Count => _values.Length;

    public IEnumerable<T> Values => _values;

    public IEnumerable<KeyValuePair<DnsName, T>> Entries
    {
        get
        {
            for (int i = 0; i < _keys.Length; i++)
            {
                yield return new KeyValuePair<DnsName, T>(_keys[i], _values[i]);
            }
        }
    }

    /// <summary>The value of exactly this name.</summary>
    public bool TryGetValue(DnsName name, out T? value)
    {
        ReadOnlySpan<byte> wire = name.Wire;
        return TryGet(DnsNameSuffixWalk.HashOf(wire), wire, out value);
    }

    /// <summary>The value of the walk's current suffix.</summary>
    public bool TryGetValue(in DnsNameSuffixWalk walk, out T? value) => TryGet(walk.Hash, walk.Suffix, out value);

    /// <summary>
    /// The value of the deepest name in the table that is <paramref name="name"/> or contains it;
    /// <paramref name="labelCount"/> is that name's label count (the root has 0), else -1.
    /// </summary>
    public bool TryFindDeepest(DnsName name, out T? value, out int labelCount)
    {
        if (_values.Length > 0)
        {
            var walk = new DnsNameSuffixWalk(name);
            do
            {
                if (TryGetValue(walk, out value))
                {
                    labelCount = walk.LabelCount;
                    return true;
                }
            }
            while (walk.MoveNext());
        }

        value = null;
        labelCount = -1;
        return false;
    }

    private bool TryGet(uint hash, ReadOnlySpan<byte> wire, out T? value)
    {
        if (_values.Length > 0)
        {
            int[] slots = _slots;
            int mask = slots.Length - 1;
            for (int slot = Slot(hash); slots[slot] != 0; slot = (slot + 1) & mask)
            {
                int i = slots[slot] - 1;
                if (_hashes[i] == hash && DnsName.AsciiEqualsIgnoreCase(_wires[i], wire))
                {
                    value = _values[i];
                    return true;
                }
            }
        }

        value = null;
        return false;
    }

    // Fibonacci hashing: the polynomial's low bits are weak, its high bits after the multiply are not.
    private int Slot(uint hash) => (int)((hash * 2654435769u) >> _shift);
}
