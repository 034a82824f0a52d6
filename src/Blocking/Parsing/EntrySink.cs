using SplitDns.Blocking.Matching;

namespace SplitDns.Blocking.Parsing;

/// <summary>Where a list's parsed entries go: the builder, tagged with the list's bit.</summary>
internal sealed class EntrySink(BlockingIndexBuilder builder, int list)
{
    private readonly MaskSet[] _sets =
    [
        MaskSet.For(list, EntryKind.Block), MaskSet.For(list, EntryKind.BlockSubdomains),
        MaskSet.For(list, EntryKind.Allow), MaskSet.For(list, EntryKind.AllowSubdomains),
    ];

    public BlockingIndexBuilder Builder => builder;

    /// <summary>Encodes <paramref name="name"/> and adds it; the reason when it is not a valid name.</summary>
    public bool TryAdd(ReadOnlySpan<byte> name, EntryKind kind, out string? error)
    {
        Span<byte> wire = stackalloc byte[DomainName.MaxWireLength];
        if (!DomainName.TryEncode(name, wire, out int length, out error))
        {
            return false;
        }

        builder.Add(wire[..length], _sets[(int)kind]);
        return true;
    }
}
