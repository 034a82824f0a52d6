using Microsoft.Extensions.Logging;

namespace SplitDns.Forwarders;

/// <summary>Log events of the forwarders (event IDs 4100-4199; stable, never reused).</summary>
internal static partial class Log
{
    [LoggerMessage(4101, LogLevel.Debug, "Upstream {Upstream} timed out")]
    public static partial void UpstreamTimedOut(ILogger logger, string upstream);

    [LoggerMessage(4102, LogLevel.Debug, "Upstream {Upstream} failed: {Reason}")]
    public static partial void UpstreamFailed(ILogger logger, string upstream, string reason);

    [LoggerMessage(4103, LogLevel.Warning, "Upstream {Upstream} marked down after {Failures} consecutive failures")]
    public static partial void UpstreamDown(ILogger logger, string upstream, int failures);

    [LoggerMessage(4104, LogLevel.Information, "Upstream {Upstream} is up again")]
    public static partial void UpstreamUp(ILogger logger, string upstream);

    [LoggerMessage(4105, LogLevel.Warning, "Discarded a spoofed or mismatched answer from {Upstream}")]
    public static partial void Spoofed(ILogger logger, string upstream);

    [LoggerMessage(4106, LogLevel.Debug, "All upstreams failed for {Question}; {Outcome}")]
    public static partial void AllFailed(ILogger logger, string question, string outcome);

    [LoggerMessage(4107, LogLevel.Debug, "Prefetch of {Question} failed: {Reason}")]
    public static partial void PrefetchFailed(ILogger logger, string question, string reason);

    [LoggerMessage(4108, LogLevel.Error, "Forwarding {Question} failed unexpectedly")]
    public static partial void ForwardFailed(ILogger logger, string question, Exception exception);
}
