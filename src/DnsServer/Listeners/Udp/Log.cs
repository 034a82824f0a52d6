using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace SplitDns.Server.Listeners.Udp;

/// <summary>UDP listener log events. IDs 3200-3299 are stable and never reused.</summary>
internal static partial class Log
{
    [LoggerMessage(3201, LogLevel.Information, "Listening for DNS over UDP on {EndPoint} ({Sockets} sockets)")]
    public static partial void Listening(ILogger logger, IPEndPoint endPoint, int sockets);

    [LoggerMessage(3202, LogLevel.Debug, "UDP receive error {Error}; continuing")]
    public static partial void UdpReceiveError(ILogger logger, SocketError error);

    [LoggerMessage(3203, LogLevel.Debug, "UDP send error {Error}")]
    public static partial void UdpSendError(ILogger logger, SocketError error);

    [LoggerMessage(3205, LogLevel.Debug, "UDP recvmmsg error errno {Errno}; continuing")]
    public static partial void UdpReceiveErrno(ILogger logger, int errno);

    [LoggerMessage(3206, LogLevel.Debug, "UDP sendmmsg error errno {Errno}; the answer is dropped")]
    public static partial void UdpSendErrno(ILogger logger, int errno);

    [LoggerMessage(3204, LogLevel.Warning, "UDP: {Busy} queries still in flight at the shutdown deadline")]
    public static partial void ShutdownInFlight(ILogger logger, int busy);
}
