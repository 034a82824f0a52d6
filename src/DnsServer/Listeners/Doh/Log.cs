using System.Net;
using Microsoft.Extensions.Logging;

namespace SplitDns.Server.Listeners.Doh;

/// <summary>DNS over HTTPS log events. IDs 3601-3699 are stable and never reused.</summary>
internal static partial class Log
{
    [LoggerMessage(3601, LogLevel.Debug, "DoH request from {Client} rejected ({Status}, {Reason}): {Text}")]
    public static partial void Rejected(ILogger logger, IPAddress? client, int status, string reason, string text);

    [LoggerMessage(3602, LogLevel.Error, "DoH request from {Client} failed on a bug")]
    public static partial void Failed(ILogger logger, IPAddress? client, Exception exception);

    [LoggerMessage(3603, LogLevel.Information, "Listening for DNS over HTTPS on https://{Endpoint}{Path} (HTTP/1.1, HTTP/2)")]
    public static partial void Listening(ILogger logger, IPEndPoint endpoint, string path);

    [LoggerMessage(3604, LogLevel.Warning, "DoH is also served over plain HTTP on {Endpoints}{Path} (SplitDns:Doh:AllowPlainHttp): only a gateway that terminates TLS should reach it")]
    public static partial void PlainHttp(ILogger logger, string endpoints, string path);

    [LoggerMessage(3605, LogLevel.Debug, "DoH connection from {Client} refused: {Limit} open connections from that address (SplitDns:Doh:ConnectionsPerClient)")]
    public static partial void ConnectionRefused(ILogger logger, IPAddress client, int limit);
}
