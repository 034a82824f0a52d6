using Microsoft.Extensions.Logging;

namespace SplitDns.Blocking;

/// <summary>Blocking's log events (IDs 6001-6099; stable, never reused).</summary>
internal static partial class Log
{
    [LoggerMessage(6001, LogLevel.Warning, "Blocklist {List} failed: {Reason}; the last good copy keeps serving")]
    public static partial void ListFailed(ILogger logger, string list, string reason);

    [LoggerMessage(6002, LogLevel.Information, "Blocklist {List} loaded from {Origin}: {Entries} names, {InvalidLines} invalid lines")]
    public static partial void ListLoaded(ILogger logger, string list, string origin, int entries, int invalidLines);

    [LoggerMessage(6003, LogLevel.Debug, "Blocklist {List} not modified")]
    public static partial void ListNotModified(ILogger logger, string list);

    [LoggerMessage(6004, LogLevel.Information, "Blocking index built: {Names} names, {Megabytes:F1} MB, in {Milliseconds} ms")]
    public static partial void IndexBuilt(ILogger logger, int names, double megabytes, long milliseconds);

    [LoggerMessage(6005, LogLevel.Information, "Blocklist {List}: {InvalidLines} invalid lines, the first at line {Line}: {Reason}")]
    public static partial void InvalidLines(ILogger logger, string list, int invalidLines, int line, string reason);

    [LoggerMessage(6006, LogLevel.Error, "Blocklist refresh round failed")]
    public static partial void RoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(6007, LogLevel.Debug, "Blocklist {List}:{Line}: {Reason}")]
    public static partial void InvalidLine(ILogger logger, string list, int line, string reason);
}
