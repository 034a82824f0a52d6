namespace SplitDns.Blocking;

/// <summary>The catalog's settings: the lists (in catalog order: list i is bit i of a mask), the cache folder and download limits.</summary>
public sealed class BlockingOptions
{
    /// <summary>Where downloaded lists are kept (<c>NAME.list</c> and <c>NAME.meta.json</c>); empty means the working directory.</summary>
    public string CacheDirectory { get; init; } = "";

    /// <summary>The whole download (headers and body) of one list must finish within this.</summary>
    public TimeSpan DownloadTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A list bigger than this (Content-Length or bytes read) fails and the last good copy stays.</summary>
    public long MaxDownloadBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>How often local list files are checked for changes (modification time and size).</summary>
    public TimeSpan FileCheckInterval { get; init; } = TimeSpan.FromMinutes(1);

    public IReadOnlyList<BlocklistOptions> Lists { get; init; } = [];
}
