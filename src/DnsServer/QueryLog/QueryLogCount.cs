namespace SplitDns.Server.QueryLog;

/// <summary>One row of a top-N count: a name (lowercase, final dot) or a client address, and how many queries.</summary>
public sealed record QueryLogCount(string Key, long Count);
