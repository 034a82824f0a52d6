using System.Net;
using System.Net.Sockets;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Deploy.Tests.Infrastructure;

/// <summary>One DNS query over UDP to a loopback server, bounded in time.</summary>
public static class UdpQuery
{
    public static DnsMessage Send(int port, string name, RecordType type)
    {
        var q = new DnsMessage();
        q.Header.Id = (ushort)Random.Shared.Next(1, 65535);
        q.Header.RecursionDesired = true;
        q.Questions.Add(new DnsQuestion(DnsName.Parse(name), type));
        q.Edns = new EdnsRecord();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 2000 };
        socket.SendTo(q.ToArray(), new IPEndPoint(IPAddress.Loopback, port));
        byte[] buffer = new byte[65535];
        int n = socket.Receive(buffer);
        return DnsMessage.Parse(buffer.AsSpan(0, n));
    }
}
