using SplitDns.Blocking.Parsing;

namespace SplitDns.Blocking.Sources;

/// <summary>
/// One list fetched and parsed, not yet applied: the result, the parsed entries when updated, the
/// reason when failed, where it came from (for the log), and the cache metadata to record.
/// </summary>
internal sealed record Fetched(RefreshResult Result, ParsedList? Parsed, string? Error, string Origin, bool FromCache = false)
{
    public CacheMetadata? Cache { get; init; }

    public (long Ticks, long Length)? FileStamp { get; init; }

    public static Fetched Failed(string error, string origin) => new(RefreshResult.Failed, null, error, origin);
}
