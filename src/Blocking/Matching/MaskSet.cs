namespace SplitDns.Blocking.Matching;

/// <summary>
/// The lists that name one entry, per kind: bit i is catalog list i. An index stores each
/// distinct set once and every entry refers to its set by number, because real entries share a
/// handful of sets (most names are in one list, with one kind).
/// </summary>
internal readonly record struct MaskSet(uint BlockAll, uint BlockSubs, uint AllowAll, uint AllowSubs)
{
    public bool IsEmpty => (BlockAll | BlockSubs | AllowAll | AllowSubs) == 0;

    public static MaskSet For(int list, EntryKind kind)
    {
        uint bit = 1u << list;
        return kind switch
        {
            EntryKind.Block => new MaskSet(bit, 0, 0, 0),
            EntryKind.BlockSubdomains => new MaskSet(0, bit, 0, 0),
            EntryKind.Allow => new MaskSet(0, 0, bit, 0),
            _ => new MaskSet(0, 0, 0, bit),
        };
    }

    public MaskSet Or(MaskSet other) =>
        new(BlockAll | other.BlockAll, BlockSubs | other.BlockSubs, AllowAll | other.AllowAll, AllowSubs | other.AllowSubs);

    public MaskSet And(uint lists) =>
        new(BlockAll & lists, BlockSubs & lists, AllowAll & lists, AllowSubs & lists);

    /// <summary>Every list that names the entry, whatever the kind.</summary>
    public uint Lists => BlockAll | BlockSubs | AllowAll | AllowSubs;
}
