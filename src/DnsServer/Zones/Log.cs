using Microsoft.Extensions.Logging;

namespace SplitDns.Server.Zones;

/// <summary>Zone loading log events. IDs 3400-3499 are stable and never reused.</summary>
internal static partial class Log
{
    [LoggerMessage(3401, LogLevel.Information, "Zone {Zone} loaded: serial {Serial}, {Records} records")]
    public static partial void ZoneLoaded(ILogger logger, string zone, uint serial, int records);

    [LoggerMessage(3402, LogLevel.Error, "Zone {Zone} not reloaded, the last good version keeps serving: {Error}")]
    public static partial void ZoneReloadFailed(ILogger logger, string zone, string error);

    [LoggerMessage(3403, LogLevel.Information, "SIGHUP received: reloading zone files")]
    public static partial void SighupReceived(ILogger logger);
}
