namespace SplitDns.Protocol.ZoneFile;

/// <summary>
/// Reuses the strings of short tokens that repeat line after line ("IN", "A", "3600", "10"),
/// so a million-record file does not allocate a million copies of each. A direct-mapped table:
/// a miss just replaces the slot.
/// </summary>
internal sealed class ZoneTokenCache
{
    private const int MaxCachedLength = 16;
    private readonly string?[] _slots = new string?[1024];

    public string Get(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxCachedLength)
        {
            return new string(text);
        }

        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        ref string? slot = ref _slots[hash & (uint)(_slots.Length - 1)];
        if (slot is not null && text.SequenceEqual(slot))
        {
            return slot;
        }

        return slot = new string(text);
    }
}
