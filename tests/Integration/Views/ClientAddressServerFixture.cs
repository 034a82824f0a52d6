using System.Net;
using System.Net.Sockets;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Protocol.Proxy;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Views;

/// <summary>
/// The views server with trusted client-address sources: 127.66.7.0/24 may send EDNS Client
/// Subnet (a CoreDNS pod), 127.66.8.0/24 must start TCP connections with a PROXY v2 header (a
/// proxy such as HAProxy), within 1 s. Unsigned UPDATEs of names below example.com are granted
/// to 127.66.5.0/24 only, so an UPDATE shows which address its ACL saw.
/// </summary>
public sealed class ClientAddressServerFixture : ViewsServerFixture
{
    public static IPAddress CoreDns { get; } = IPAddress.Parse("127.66.7.10");

    public static IPAddress Proxy { get; } = IPAddress.Parse("127.66.8.10");

    /// <summary>The only network the unsigned-update grant names.</summary>
    public static IPAddress Updater { get; } = IPAddress.Parse("127.66.5.10");

    protected override IEnumerable<string> ExtraArgs() =>
    [
        "--SplitDns:ClientSubnet:TrustedSources=127.66.7.0/24",
        "--SplitDns:ProxyProtocol:TrustedNetworks=127.66.8.0/24",
        "--SplitDns:ProxyProtocol:HeaderTimeoutSeconds=1",
        "--SplitDns:Tcp:IdleTimeoutSeconds=2",
        "--SplitDns:Zones:0:Updates:1:Unsigned=true",
        "--SplitDns:Zones:0:Updates:1:Names:0=*",
        "--SplitDns:Zones:0:Updates:1:Networks:0=127.66.5.0/24",
    ];

    /// <summary>A TCP connection to the server from <paramref name="source"/> (reads time out after 5 s).</summary>
    public Socket ConnectFrom(IPAddress source)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 5000 };
        socket.Bind(new IPEndPoint(source, 0));
        socket.Connect(Dns);
        return socket;
    }

    /// <summary>A PROXY v2 header saying the connection is <paramref name="client"/>'s, to this server.</summary>
    public byte[] ProxyHeaderFor(IPAddress client) => ProxyHeader.Create(new IPEndPoint(client, 41000), Dns);

    /// <summary>Sends <paramref name="message"/> framed and reads one answer; null when the server closed the connection.</summary>
    public static DnsMessage? Exchange(Socket socket, byte[] message)
    {
        socket.Send(RawDns.Frame(message));
        return RawDns.ReadFrame(socket) is { } reply ? DnsMessage.Parse(reply) : null;
    }
}
