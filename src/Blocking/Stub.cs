// TEMPORARY STUB (not committed): replaced by the real library from branch `blocking`.
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
namespace SplitDns.Blocking;
public enum BlocklistFormat { Auto, Hosts, Domains, AdBlock }
public sealed class BlocklistOptions
{
    public required string Name { get; init; }
    public required string Source { get; init; }
    public BlocklistFormat Format { get; init; } = BlocklistFormat.Auto;
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromHours(24);
}
public sealed class BlockingOptions
{
    public string CacheDirectory { get; init; } = "";
    public TimeSpan DownloadTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public long MaxDownloadBytes { get; init; } = 64L * 1024 * 1024;
    public IReadOnlyList<BlocklistOptions> Lists { get; init; } = [];
}
public readonly struct BlockMatch
{
    public BlockMatch(bool b, int i) { IsBlocked = b; ListIndex = i; }
    public bool IsAllowed { get; }
    public bool IsBlocked { get; }
    public int ListIndex { get; }
}
public sealed class BlockingIndex
{
    public const int MaxLists = 32;
    public static BlockingIndex Empty { get; } = new();
    public int Count => 0;
    public BlockMatch Match(ReadOnlySpan<byte> wireName, uint blockMask, uint allowMask) => new(false, -1);
}
public sealed class BlocklistState { public string Name { get; init; } = ""; public int Entries { get; init; } public string? LastError { get; init; } public bool FromCache { get; init; } }
public readonly record struct ListProblem(int Line, string Reason);
public sealed record RefreshOutcome(string List, RefreshResult Result, string? Error);
public enum RefreshResult { Updated, NotModified, Failed }
public sealed class BlocklistCatalog : IDisposable
{
    private readonly BlockingOptions _o;
    public BlocklistCatalog(BlockingOptions options, HttpClient http, ILogger logger, TimeProvider time) { _o = options; Meter = new Meter("SplitDns.Blocking"); }
    public BlockingIndex Index { get; } = BlockingIndex.Empty;
    public IReadOnlyList<BlocklistState> Lists => _o.Lists.Select(l => new BlocklistState { Name = l.Name }).ToList();
    public int IndexOf(string name) { for (int i = 0; i < _o.Lists.Count; i++) if (string.Equals(_o.Lists[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i; return -1; }
    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public Task LoadLocalAsync(CancellationToken ct) => Task.CompletedTask;
    public Task<IReadOnlyList<RefreshOutcome>> RefreshAsync(string? name, CancellationToken ct) => Task.FromResult<IReadOnlyList<RefreshOutcome>>([]);
    public event Action<BlockingIndex>? IndexSwapped;
    public Meter Meter { get; }
    public void Dispose() { IndexSwapped?.Invoke(Index); Meter.Dispose(); }
}
