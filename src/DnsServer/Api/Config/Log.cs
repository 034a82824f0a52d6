using Microsoft.Extensions.Logging;

namespace SplitDns.Server.Api.Config;

/// <summary>Runtime configuration through the API: events 8201-8220.</summary>
internal static partial class Log
{
    [LoggerMessage(8201, LogLevel.Information, "Zone {Zone} ({Type}) created by {Actor}")]
    public static partial void ZoneCreated(ILogger logger, string zone, string type, string actor);

    [LoggerMessage(8202, LogLevel.Information, "Zone {Zone} ({Type}) deleted by {Actor}")]
    public static partial void ZoneDeleted(ILogger logger, string zone, string type, string actor);

    [LoggerMessage(8203, LogLevel.Information, "Zone {Zone} ({Type}) loaded from the admin store")]
    public static partial void ZoneLoaded(ILogger logger, string zone, string type);

    [LoggerMessage(8204, LogLevel.Warning, "Admin store zone {Name} is not a valid zone definition; skipped")]
    public static partial void BadDefinition(ILogger logger, string name);

    [LoggerMessage(8205, LogLevel.Warning, "Zone {Zone} is defined in the admin store but the zone store has no data for it; not served")]
    public static partial void MissingData(ILogger logger, string zone);

    [LoggerMessage(8206, LogLevel.Information, "Upstream forwarders set to {Upstreams} by {Actor}")]
    public static partial void ForwardersSet(ILogger logger, string upstreams, string actor);

    [LoggerMessage(8207, LogLevel.Information, "TSIG key {Key} ({Algorithm}) created by {Actor}")]
    public static partial void KeyCreated(ILogger logger, string key, string algorithm, string actor);

    [LoggerMessage(8208, LogLevel.Information, "TSIG key {Key} deleted by {Actor}")]
    public static partial void KeyDeleted(ILogger logger, string key, string actor);

    [LoggerMessage(8209, LogLevel.Warning, "Runtime configuration could not be read from the admin store: {Problem}")]
    public static partial void SyncFailed(ILogger logger, string problem);
}
