namespace SplitDns.Blocking.Sources;

/// <summary>A download's outcome: new content in a temporary file, not modified (304), or failed with the reason.</summary>
internal sealed record DownloadResult(RefreshResult Result, string? TempPath, string? ETag, DateTimeOffset? LastModified, string? Error)
{
    public static DownloadResult Failed(string error) => new(RefreshResult.Failed, null, null, null, error);
}
