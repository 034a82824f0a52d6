namespace SplitDns.Server.Metrics;

/// <summary>
/// Up to four label name/value pairs, compared by value, used as a dictionary key without
/// allocating on lookup. Extra tags beyond four are ignored (no instrument here has more).
/// </summary>
internal readonly struct TagKey : IEquatable<TagKey>
{
    public readonly int Count;
    public readonly string? N0, V0, N1, V1, N2, V2, N3, V3;

    public TagKey(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        Count = Math.Min(tags.Length, 4);
        N0 = V0 = N1 = V1 = N2 = V2 = N3 = V3 = null;
        if (Count > 0) { N0 = tags[0].Key; V0 = Text(tags[0].Value); }
        if (Count > 1) { N1 = tags[1].Key; V1 = Text(tags[1].Value); }
        if (Count > 2) { N2 = tags[2].Key; V2 = Text(tags[2].Value); }
        if (Count > 3) { N3 = tags[3].Key; V3 = Text(tags[3].Value); }
    }

    public (string Name, string Value) this[int i] => i switch
    {
        0 => (N0!, V0!),
        1 => (N1!, V1!),
        2 => (N2!, V2!),
        _ => (N3!, V3!),
    };

    // Strings pass through; booleans are Prometheus-style lowercase; anything else is formatted
    // invariantly (allocates, but only instruments off the query path pass non-strings).
    private static string Text(object? value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        null => string.Empty,
        _ => value.ToString() ?? string.Empty,
    };

    public bool Equals(TagKey other) =>
        Count == other.Count && N0 == other.N0 && V0 == other.V0 && N1 == other.N1 && V1 == other.V1
        && N2 == other.N2 && V2 == other.V2 && N3 == other.N3 && V3 == other.V3;

    public override bool Equals(object? obj) => obj is TagKey other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Count, V0, V1, V2, V3);
}
