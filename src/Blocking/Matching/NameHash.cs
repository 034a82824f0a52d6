namespace SplitDns.Blocking.Matching;

/// <summary>
/// The hash of a lowercased wire-format name, computed label by label from the top (TLD first),
/// so a lookup hashes each label of the query once and gets the hash of every suffix on the way
/// (<c>example</c>, <c>c.example</c>, ... <c>a.b.c.example</c>). FNV-1a over each label's length
/// byte and bytes, finished with the murmur3 mixer. The seed is fixed: only the configured lists
/// are inserted, so query names cannot flood a chain; they only probe.
/// </summary>
internal static class NameHash
{
    public const uint Seed = 2166136261;

    /// <summary>RFC 1035 §3.1: at most 127 labels fit in 255 bytes.</summary>
    public const int MaxLabels = 128;

    public static uint AddLabel(uint hash, ReadOnlySpan<byte> label)
    {
        foreach (byte b in label)
        {
            hash = (hash ^ b) * 16777619;
        }

        return hash;
    }

    public static uint Finish(uint hash)
    {
        hash ^= hash >> 16;
        hash *= 0x85EBCA6B;
        hash ^= hash >> 13;
        hash *= 0xC2B2AE35;
        hash ^= hash >> 16;
        return hash;
    }

    /// <summary>The finished hash of a whole lowercased, well-formed wire name (labels and the root byte).</summary>
    public static uint OfName(ReadOnlySpan<byte> wire)
    {
        Span<byte> starts = stackalloc byte[MaxLabels];
        int labels = 0;
        int pos = 0;
        while (wire[pos] != 0)
        {
            starts[labels++] = (byte)pos;
            pos += wire[pos] + 1;
        }

        uint hash = Seed;
        for (int i = labels - 1; i >= 0; i--)
        {
            int start = starts[i];
            hash = AddLabel(hash, wire.Slice(start, wire[start] + 1));
        }

        return Finish(hash);
    }
}
