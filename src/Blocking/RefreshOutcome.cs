namespace SplitDns.Blocking;

/// <summary>The result of refreshing one list, with the reason when it failed.</summary>
public sealed record RefreshOutcome(string List, RefreshResult Result, string? Error);
