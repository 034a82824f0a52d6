using Microsoft.Extensions.Logging;

namespace SplitDns.ZoneStore.Writing;

/// <summary>Write-path log events; they keep the server's update range (5000-5099), stable and never reused.</summary>
internal static partial class Log
{
    [LoggerMessage(5011, LogLevel.Information, "Zone {Zone} reconciled with the store: {Status}, serial {Serial}, {Deleted} file records deleted, {Added} added")]
    public static partial void Reconciled(ILogger logger, string zone, string status, uint serial, int deleted, int added);

    [LoggerMessage(5012, LogLevel.Warning, "Zone {Zone}: a stale snapshot (serial {Stale}) was published over committed serial {Committed}; republished")]
    public static partial void StaleRepublished(ILogger logger, string zone, uint stale, uint committed);
}
