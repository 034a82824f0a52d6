using SplitDns.Blocking;

namespace SplitDns.Server.Hosting;

/// <summary>
/// SplitDns:Blocking, validated: where downloaded lists are cached, download limits, and the
/// lists (each a blocklist or an allowlist by default; views choose which they use).
/// </summary>
public sealed class BlockingSettings
{
    /// <summary>The lists in configuration order; a list's position is its bit in the shared index.</summary>
    public BlockingOptions Options { get; init; } = new();

    /// <summary>Names of the lists configured with Kind = Allow (a view's default allowlists).</summary>
    public IReadOnlySet<string> Allowlists { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    public bool HasLists => Options.Lists.Count > 0;
}
