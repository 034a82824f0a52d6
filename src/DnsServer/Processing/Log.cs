using System.Net;
using Microsoft.Extensions.Logging;
using SplitDns.Protocol.Names;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Processing;

/// <summary>Processing log events. IDs 3100-3199 are stable and never reused.</summary>
internal static partial class Log
{
    [LoggerMessage(3101, LogLevel.Debug, "Malformed {Transport} message: {Reason}")]
    public static partial void Malformed(ILogger logger, DnsTransport transport, string reason);

    [LoggerMessage(3102, LogLevel.Error, "Decoding a message failed unexpectedly; packet dropped")]
    public static partial void DecodeFailed(ILogger logger, Exception exception);

    [LoggerMessage(3103, LogLevel.Error, "Resolver chain failed for {Name}; answered SERVFAIL")]
    public static partial void StepFailed(ILogger logger, DnsName name, Exception exception);

    [LoggerMessage(3104, LogLevel.Error, "{Kind} handler failed; answered SERVFAIL")]
    public static partial void HandlerFailed(ILogger logger, string kind, Exception exception);

    [LoggerMessage(3105, LogLevel.Warning, "Query from {Client} failed TSIG: {Error} (key {Key}, algorithm {Algorithm})")]
    public static partial void QueryTsigFailed(ILogger logger, IPEndPoint client, string error, string key, string algorithm);

    [LoggerMessage(3106, LogLevel.Error, "Signed response to {Name} did not fit its reserved room; dropped")]
    public static partial void QuerySignFailed(ILogger logger, DnsName name);
}
