using System.Net;
using Microsoft.Extensions.Logging;

namespace SplitDns.Server.Listeners.Dot;

/// <summary>DNS over TLS listener log events: IDs 3550-3599 of the TLS range (3501-3599), stable and never reused.</summary>
internal static partial class Log
{
    [LoggerMessage(3550, LogLevel.Information, "Listening for DNS over TLS on {Endpoint}")]
    public static partial void Listening(ILogger logger, IPEndPoint endpoint);
}
