namespace SplitDns.Blocking.Parsing;

/// <summary>One list parsed on its own: its entries (tagged with its bit) in an unbuilt builder, the invalid lines, and the content's SHA-256.</summary>
internal sealed class ParsedList
{
    public required BlockingIndexBuilder Entries { get; init; }

    public required int InvalidLines { get; init; }

    public required IReadOnlyList<ListProblem> Problems { get; init; }

    public required byte[] ContentHash { get; init; }

    /// <summary>Distinct names of this list, counted when parsed (the builder may become the base of the merged index and grow).</summary>
    public required int Count { get; init; }
}
