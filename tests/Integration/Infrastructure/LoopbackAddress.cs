using System.Net;
using System.Net.Sockets;

namespace SplitDns.Integration.Tests.Infrastructure;

/// <summary>
/// A fresh loopback address per server (127.53.x.y) and a port free for both TCP and UDP on it,
/// so parallel test servers, in this or another test process, never collide.
/// </summary>
internal static class LoopbackAddress
{
    private static int s_next = Random.Shared.Next(0, 200) * 250;

    public static IPAddress Next()
    {
        int n = Interlocked.Increment(ref s_next);
        int pid = Environment.ProcessId % 50;
        return new IPAddress([127, 53, (byte)(pid * 5 + (n / 250 % 5)), (byte)(n % 250 + 2)]);
    }

    public static int FreePort(IPAddress address)
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(address, 0));
            int port = ((IPEndPoint)tcp.LocalEndPoint!).Port;
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                udp.Bind(new IPEndPoint(address, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken for UDP: try another.
            }
        }

        throw new InvalidOperationException("no free port on " + address);
    }
}
