namespace SplitDns.Protocol.Names;

/// <summary>
/// Walks a name's suffixes from the name itself up to the root ("a.b.c.", "b.c.", "c.", ".")
/// over its wire bytes, with each suffix's case-insensitive hash ready in O(1) per step: two
/// passes over the name in all, where hashing every suffix anew costs one pass per label. The
/// hash is a polynomial over the lowercased wire bytes (mod 2^32), so the hash of a suffix is
/// the whole name's minus its prefix's, scaled: S(o) = H(n) − H(o)·P^(n−o). Looks up a
/// <see cref="DnsNameTable{T}"/>; allocates nothing.
/// </summary>
public ref struct DnsNameSuffixWalk
{
    internal const uint Multiplier = 16777619;

    // The inverse of Multiplier mod 2^32 (it is odd): one step right drops one byte from the scale.
    internal static readonly uint InverseMultiplier = Inverse(Multiplier);

    private readonly ReadOnlySpan<byte> _wire;
    private readonly uint _whole;
    private uint _prefix;
    private uint _scale;
    private int _offset;
    private int _labels;

    public DnsNameSuffixWalk(DnsName name)
        : this(name.Wire)
    {
    }

    /// <param name="wire">An uncompressed, validated wire name.</param>
    public DnsNameSuffixWalk(ReadOnlySpan<byte> wire)
    {
        _wire = wire;
        uint hash = 0;
        uint scale = 1;
        for (int i = 0; i < wire.Length; i++)
        {
            hash = (hash * Multiplier) + DnsName.ToLower(wire[i]);
            scale *= Multiplier;
        }

        int labels = 0;
        for (int i = 0; wire[i] != 0; i += wire[i] + 1)
        {
            labels++;
        }

        _whole = hash;
        _prefix = 0;
        _scale = scale;
        _offset = 0;
        _labels = labels;
    }

    /// <summary>The current suffix's wire bytes.</summary>
    public readonly ReadOnlySpan<byte> Suffix => _wire[_offset..];

    /// <summary>The current suffix's label count (the root has 0).</summary>
    public readonly int LabelCount => _labels;

    /// <summary>The current suffix's hash, as <see cref="HashOf"/> gives for its wire bytes.</summary>
    public readonly uint Hash => _whole - (_prefix * _scale);

    public readonly bool IsRoot => _labels == 0;

    /// <summary>Steps to the parent; false when the current suffix is the root.</summary>
    public bool MoveNext()
    {
        if (_labels == 0)
        {
            return false;
        }

        int end = _offset + _wire[_offset] + 1;
        uint prefix = _prefix;
        uint scale = _scale;
        for (int i = _offset; i < end; i++)
        {
            prefix = (prefix * Multiplier) + DnsName.ToLower(_wire[i]);
            scale *= InverseMultiplier;
        }

        _prefix = prefix;
        _scale = scale;
        _offset = end;
        _labels--;
        return true;
    }

    /// <summary>The case-insensitive hash of a whole wire name (the first step's <see cref="Hash"/>).</summary>
    public static uint HashOf(ReadOnlySpan<byte> wire)
    {
        uint hash = 0;
        for (int i = 0; i < wire.Length; i++)
        {
            hash = (hash * Multiplier) + DnsName.ToLower(wire[i]);
        }

        return hash;
    }

    private static uint Inverse(uint odd)
    {
        // Newton's iteration doubles the correct low bits each step: 3 → 6 → 12 → 24 → 48.
        uint x = odd;
        for (int i = 0; i < 5; i++)
        {
            x *= 2 - (odd * x);
        }

        return x;
    }
}
