using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace SplitDns.Server.Listeners.Tcp;

/// <summary>
/// How many bytes the peer has acknowledged on a connection (Linux <c>TCP_INFO</c>,
/// <c>tcpi_bytes_acked</c>, RFC 4898 tcpEStatsAppHCThruOctetsAcked; kernel 4.1+). A client that
/// reads slowly keeps this growing while a flush waits on it for seconds, so the idle timer can
/// tell it from a client that stopped reading: zero-window probes are acknowledged without it
/// moving. Elsewhere it is unknown (-1) and only completed writes count as progress.
/// </summary>
internal static class TcpSendProgress
{
    // <netinet/tcp.h>: SOL_TCP, TCP_INFO, and the offset of tcpi_bytes_acked in struct tcp_info.
    private const int SolTcp = 6;
    private const int TcpInfo = 11;
    private const int BytesAckedOffset = 120;
    private const int TcpInfoSize = 256;

    public static long BytesAcked(Socket? socket)
    {
        if (socket is null || !OperatingSystem.IsLinux())
        {
            return -1;
        }

        Span<byte> info = stackalloc byte[TcpInfoSize];
        try
        {
            int length = socket.GetRawSocketOption(SolTcp, TcpInfo, info);
            return length >= BytesAckedOffset + sizeof(ulong)
                ? (long)MemoryMarshal.Read<ulong>(info[BytesAckedOffset..])
                : -1;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or PlatformNotSupportedException)
        {
            return -1;
        }
    }
}
