using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Protocol.Records;

namespace SplitDns.Integration.Tests.Server;

/// <summary>What the rate-limit tests send and read: a burst of one query over UDP, and a counter from a scrape.</summary>
internal static class UdpBurst
{
    /// <summary>
    /// Sends <paramref name="count"/> identical queries (host1.example. A) from <paramref name="source"/>
    /// at once, then reads replies for up to 3 s: how many came back, and how many of those were
    /// slipped (TC=1, asserted to carry no answer).
    /// </summary>
    public static (int Answered, int Slipped) Send(IPAddress source, IPEndPoint target, int count)
    {
        using var socket = new Socket(source.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(source, 0));
        socket.ReceiveBufferSize = 1 << 20;
        for (int i = 0; i < count; i++)
        {
            socket.SendTo(RawDns.Query("host1.example.", RecordType.A, (ushort)(i + 1)), target);
        }

        int answered = 0;
        int slipped = 0;
        byte[] buffer = new byte[1500];
        DateTime deadline = DateTime.UtcNow.AddSeconds(3);
        socket.ReceiveTimeout = 500;
        while (answered < count && DateTime.UtcNow < deadline)
        {
            try
            {
                int n = socket.Receive(buffer);
                answered++;
                if (n >= 12 && (buffer[2] & 0x02) != 0)
                {
                    slipped++;
                    Assert.Equal(0, buffer[7]); // a slipped reply carries no answer
                }
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.TimedOut)
            {
                break;
            }
        }

        return (answered, slipped);
    }

    /// <summary>The value of an unlabelled counter in a Prometheus scrape (asserted present).</summary>
    public static double Counter(string scrape, string name)
    {
        Match m = Regex.Match(scrape, "^" + Regex.Escape(name) + @"(?:\{\})? (\S+)$", RegexOptions.Multiline);
        Assert.True(m.Success, name + " missing:\n" + scrape);
        return double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
