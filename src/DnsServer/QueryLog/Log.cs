using Microsoft.Extensions.Logging;

namespace SplitDns.Server.QueryLog;

/// <summary>Query log events. IDs 7001-7099 are stable and never reused.</summary>
internal static partial class Log
{
    [LoggerMessage(7001, LogLevel.Information, "Query log writing to {Store} (sample rate {SampleRate}, queue {Capacity})")]
    public static partial void Ready(ILogger logger, string store, double sampleRate, int capacity);

    [LoggerMessage(7002, LogLevel.Warning, "Query log store {Store} unavailable, {Rows} entries dropped ({Suppressed} more warnings suppressed): {Reason}")]
    public static partial void StoreFailed(ILogger logger, string store, int rows, long suppressed, string reason);

    [LoggerMessage(7003, LogLevel.Warning, "Query log retention on {Store} failed: {Reason}")]
    public static partial void RetentionFailed(ILogger logger, string store, string reason);

    [LoggerMessage(7004, LogLevel.Debug, "Query log retention deleted {Rows} rows from {Store}")]
    public static partial void Retained(ILogger logger, long rows, string store);
}
