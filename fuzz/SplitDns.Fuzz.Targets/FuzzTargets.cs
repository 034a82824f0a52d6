namespace SplitDns.Fuzz.Targets;

/// <summary>The fuzz targets by name (the name is also the corpus folder under fuzz/corpus/).</summary>
public static class FuzzTargets
{
    /// <summary>Every target, in the order the fuzz script runs them.</summary>
    public static IReadOnlyList<(string Name, FuzzEntry Entry)> All { get; } =
    [
        ("message", MessageTarget.Run),
        ("query", QueryViewTarget.Run),
        ("zonefile", ZoneFileTarget.Run),
        ("blocklist", BlocklistTarget.Run),
        ("update", UpdateTarget.Run),
    ];

    /// <summary>Finds a target by name; null when there is none.</summary>
    public static FuzzEntry? Find(string name)
    {
        foreach ((string n, FuzzEntry entry) in All)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                return entry;
            }
        }

        return null;
    }
}
