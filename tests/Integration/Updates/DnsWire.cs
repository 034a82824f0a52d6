using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Tsig;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Updates;

/// <summary>Hand-made exchanges over TCP (as miekg/dns does them for external-dns) and UDP.</summary>
internal static class DnsWire
{
    public static ulong Now => (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>Signs a request; returns the signed bytes.</summary>
    public static byte[] Sign(byte[] message, TsigKey key, ulong time) => Sign(message, key, time, out _);

    public static byte[] Sign(byte[] message, TsigKey key, ulong time, out byte[] mac)
    {
        byte[] buffer = new byte[message.Length + 512];
        message.CopyTo(buffer, 0);
        byte[] macBuffer = new byte[TsigAlgorithm.MaxMacLength];
        Assert.True(TsigSigner.TrySignRequest(buffer, message.Length, key, time, macBuffer, out int length));
        mac = macBuffer[..key.Algorithm.MacLength];
        return buffer[..length];
    }

    /// <summary>
    /// One TCP connection: sends the request, reads one response, or for a transfer every message
    /// up to the closing SOA (bounded to 10 s).
    /// </summary>
    public static async Task<List<byte[]>> ExchangeTcpAsync(IPEndPoint server, byte[] request, bool transfer = false)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(server, cts.Token);
        byte[] framed = new byte[request.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)request.Length);
        request.CopyTo(framed, 2);
        await socket.SendAsync(framed, SocketFlags.None, cts.Token);
        var messages = new List<byte[]>();
        var answers = new List<ResourceRecord>();
        while (true)
        {
            byte[] lengthBytes = await ReadExactAsync(socket, 2, cts.Token);
            byte[] message = await ReadExactAsync(socket, BinaryPrimitives.ReadUInt16BigEndian(lengthBytes), cts.Token);
            messages.Add(message);
            if (!transfer)
            {
                return messages;
            }

            var parsed = DnsMessage.Parse(message);
            answers.AddRange(parsed.Answers.Where(a => a.Type != RecordType.TSIG));
            if (parsed.Rcode != DnsRcode.NoError || IsTransferComplete(answers, IsIxfrUpToDate(request)))
            {
                return messages;
            }
        }
    }

    /// <summary>
    /// Whether a transfer stream has ended (RFC 5936 §2.2, RFC 1995 §4). AXFR, or IXFR answered
    /// as a full zone: the second SOA ends it. Incremental IXFR: SOA(current), then differences
    /// (old SOA, deletions, new SOA, additions); an SOA where the next difference would open
    /// that carries the current serial is the closing one. A message boundary can fall anywhere.
    /// </summary>
    private static bool IsTransferComplete(List<ResourceRecord> rrs, bool upToDateIxfr)
    {
        if (rrs.Count == 0 || rrs[0].Data is not SoaRdata first)
        {
            return rrs.Count > 0;
        }

        if (rrs.Count == 1)
        {
            return upToDateIxfr;
        }

        if (rrs[1].Type != RecordType.SOA)
        {
            return rrs.Skip(1).Any(r => r.Type == RecordType.SOA);
        }

        // Incremental: walk the differences; SOAs alternate between "opens deletions" and "opens additions".
        bool opensDeletions = true;
        for (int i = 1; i < rrs.Count; i++)
        {
            if (rrs[i].Data is not SoaRdata soa)
            {
                continue;
            }

            if (opensDeletions && soa.Serial == first.Serial)
            {
                return true;
            }

            opensDeletions = !opensDeletions;
        }

        return false;
    }

    /// <summary>One UDP exchange (nsupdate's default transport for a small UPDATE), bounded to 5 s.</summary>
    public static async Task<byte[]> ExchangeUdpAsync(IPEndPoint server, byte[] request)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await socket.ConnectAsync(server, cts.Token);
        await socket.SendAsync(request, SocketFlags.None, cts.Token);
        byte[] buffer = new byte[65535];
        int n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
        return buffer[..n];
    }

    private static bool IsIxfrUpToDate(byte[] request) => DnsMessage.Parse(request).Questions[0].Type == RecordType.IXFR;

    private static async Task<byte[]> ReadExactAsync(Socket socket, int count, CancellationToken ct)
    {
        byte[] buffer = new byte[count];
        int read = 0;
        while (read < count)
        {
            int n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, ct);
            if (n == 0)
            {
                throw new EndOfStreamException($"connection closed after {read} of {count} bytes");
            }

            read += n;
        }

        return buffer;
    }
}
