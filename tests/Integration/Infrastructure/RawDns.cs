using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Infrastructure;

/// <summary>Hand-built packets over plain sockets, for what dig cannot do (garbage, pipelining, stalls).</summary>
public static class RawDns
{
    public static byte[] Query(string name, RecordType type, ushort id, bool recursionDesired = false)
    {
        var q = new DnsMessage();
        q.Header.Id = id;
        q.Header.RecursionDesired = recursionDesired;
        q.Questions.Add(new DnsQuestion(DnsName.Parse(name), type));
        q.Edns = new EdnsRecord();
        return q.ToArray();
    }

    public static byte[] Frame(byte[] message)
    {
        byte[] framed = new byte[message.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)message.Length);
        message.CopyTo(framed, 2);
        return framed;
    }

    /// <summary>Sends one datagram and waits (bounded) for a reply; null when none came.</summary>
    public static byte[]? Udp(IPAddress server, int port, byte[] packet, int timeoutMs = 300)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.ReceiveTimeout = timeoutMs;
        socket.SendTo(packet, new IPEndPoint(server, port));
        byte[] buffer = new byte[65535];
        try
        {
            int n = socket.Receive(buffer);
            return buffer[..n];
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.TimedOut)
        {
            return null;
        }
    }

    public static Socket Connect(IPAddress server, int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 5000 };
        socket.Connect(new IPEndPoint(server, port));
        return socket;
    }

    /// <summary>Reads one length-prefixed reply; null when the server closed the connection.</summary>
    public static byte[]? ReadFrame(Socket socket)
    {
        byte[] prefix = new byte[2];
        if (!ReadExactly(socket, prefix))
        {
            return null;
        }

        byte[] message = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        return ReadExactly(socket, message) ? message : null;
    }

    private static bool ReadExactly(Socket socket, byte[] buffer)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int n;
            try
            {
                n = socket.Receive(buffer, read, buffer.Length - read, SocketFlags.None);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.TimedOut)
            {
                return false;
            }

            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }
}
