namespace SplitDns.Server.QueryLog;

/// <summary>One page of search results, newest first; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record QueryLogPage(IReadOnlyList<QueryLogRow> Rows, long? NextCursor);
