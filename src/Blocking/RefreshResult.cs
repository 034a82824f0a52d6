namespace SplitDns.Blocking;

/// <summary>What a refresh of one list did. Values are reported as metric labels (updated, not_modified, failed).</summary>
public enum RefreshResult
{
    /// <summary>New content was loaded and the index swapped.</summary>
    Updated,

    /// <summary>The source answered 304, or the content is byte for byte what is loaded.</summary>
    NotModified,

    /// <summary>The download or read failed; the last good copy keeps serving.</summary>
    Failed,
}
