namespace SplitDns.Blocking;

/// <summary>One configured list: its name (metric label, EDE text), where it comes from and how often it is refreshed.</summary>
public sealed class BlocklistOptions
{
    /// <summary>The list's name; unique in the catalog (case-insensitive). It also names the cache file.</summary>
    public required string Name { get; init; }

    /// <summary>A local file path, or an http(s) URL downloaded into <see cref="BlockingOptions.CacheDirectory"/>.</summary>
    public required string Source { get; init; }

    public BlocklistFormat Format { get; init; } = BlocklistFormat.Auto;

    /// <summary>How old a downloaded copy may get before it is downloaded again (conditional GET).</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromHours(24);

    /// <summary>True when <see cref="Source"/> is an http or https URL.</summary>
    public bool IsUrl =>
        Source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || Source.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
