using Microsoft.Extensions.Logging;

namespace SplitDns.ZoneStore.Writing;

/// <summary>Write-path log events; they keep the server's update range (5000-5099), stable and never reused.</summary>
internal static partial class Log
{
    [LoggerMessage(5011, LogLevel.Information, "Zone {Zone} reconciled with the store: {Status}, serial {Serial}, {Deleted} file records deleted, {Added} added")]
    public static partial void Reconciled(ILogger logger, string zone, string status, uint serial, int deleted, int added);

    [LoggerMessage(5012, LogLevel.Warning, "Zone {Zone}: a stale snapshot (serial {Stale}) was published over committed serial {Committed}; republished")]
    public static partial void StaleRepublished(ILogger logger, string zone, uint stale, uint committed);

    [LoggerMessage(5015, LogLevel.Debug, "Zone {Zone} caught up with the store: {Rows} journal rows, serial {From} -> {To}")]
    public static partial void CaughtUp(ILogger logger, string zone, int rows, uint from, uint to);

    [LoggerMessage(5016, LogLevel.Information, "Zone {Zone}: another writer committed first (attempt {Attempt}); re-applying the batch on serial {Serial}")]
    public static partial void CommitConflict(ILogger logger, string zone, int attempt, uint serial);
}
