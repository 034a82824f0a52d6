using System.Net;
using Microsoft.Extensions.Logging;

namespace SplitDns.Server.Listeners.Tcp;

/// <summary>TCP listener log events. IDs 3300-3399 are stable and never reused.</summary>
internal static partial class Log
{
    [LoggerMessage(3301, LogLevel.Warning, "TCP connection from {Remote} refused: {Limit} connections open")]
    public static partial void ConnectionRejected(ILogger logger, EndPoint? remote, int limit);

    [LoggerMessage(3302, LogLevel.Debug, "TCP connection from {Remote} closed: idle or shutting down")]
    public static partial void ConnectionIdle(ILogger logger, EndPoint? remote);

    [LoggerMessage(3303, LogLevel.Debug, "TCP connection from {Remote} reset: {Reason}")]
    public static partial void ConnectionReset(ILogger logger, EndPoint? remote, string reason);

    [LoggerMessage(3304, LogLevel.Debug, "TCP answer to {Remote} abandoned: {Reason}")]
    public static partial void AnswerAbandoned(ILogger logger, EndPoint? remote, string reason);

    [LoggerMessage(3305, LogLevel.Error, "TCP answer to {Remote} failed; connection closed")]
    public static partial void AnswerFailed(ILogger logger, EndPoint? remote, Exception exception);

    [LoggerMessage(3306, LogLevel.Information, "Listening for DNS over TCP on {Endpoint}")]
    public static partial void Listening(ILogger logger, IPEndPoint endpoint);

    [LoggerMessage(3307, LogLevel.Warning, "TCP connection from trusted proxy {Remote} closed: {Reason}")]
    public static partial void ProxyHeaderRejected(ILogger logger, EndPoint? remote, string reason);

    [LoggerMessage(3308, LogLevel.Debug, "TCP connection from proxy {Remote} speaks for {Client} (PROXY v2)")]
    public static partial void ProxyHeaderAccepted(ILogger logger, EndPoint? remote, IPEndPoint client);

    [LoggerMessage(3309, LogLevel.Information, "TCP connection from {Remote} closed: a message was not completed within {TimeoutMs} ms")]
    public static partial void MessageTimedOut(ILogger logger, EndPoint? remote, long timeoutMs);

    [LoggerMessage(3310, LogLevel.Debug, "TCP connection from {Remote} refused: its address already has {Limit} connections open")]
    public static partial void ClientConnectionRejected(ILogger logger, EndPoint? remote, int limit);
}
