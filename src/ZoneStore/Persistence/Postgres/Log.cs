using Microsoft.Extensions.Logging;

namespace SplitDns.ZoneStore.Persistence.Postgres;

/// <summary>PostgreSQL store log events: range 5100-5119, stable and never reused.</summary>
internal static partial class Log
{
    [LoggerMessage(5101, LogLevel.Information, "Listening for zone changes on {Server} (channel {Channel})")]
    public static partial void Listening(ILogger logger, string server, string channel);

    [LoggerMessage(5102, LogLevel.Warning, "Zone change feed lost its connection to {Server}; reconnecting in {Delay} ms")]
    public static partial void ListenLost(ILogger logger, string server, int delay, Exception error);

    [LoggerMessage(5103, LogLevel.Debug, "Zone change feed cannot reach {Server} ({Reason}); retrying in {Delay} ms")]
    public static partial void ListenRetry(ILogger logger, string server, string reason, int delay);

    [LoggerMessage(5104, LogLevel.Warning, "Zone change feed ignored a malformed notification on {Channel}: '{Payload}'")]
    public static partial void MalformedPayload(ILogger logger, string channel, string payload);

    [LoggerMessage(5105, LogLevel.Error, "Zone change feed: a {Event} handler threw; the feed goes on")]
    public static partial void HandlerFailed(ILogger logger, string @event, Exception error);
}
