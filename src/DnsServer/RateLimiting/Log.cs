using System.Net;
using Microsoft.Extensions.Logging;

namespace SplitDns.Server.RateLimiting;

internal static partial class Log
{
    [LoggerMessage(9401, LogLevel.Information,
        "Rate limiting {Kind} responses to {Network}/{PrefixLength} (log only: {LogOnly})")]
    public static partial void Limiting(ILogger logger, IPAddress network, int prefixLength, ResponseKind kind, bool logOnly);
}
