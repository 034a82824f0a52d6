using System.Net;

namespace SplitDns.Server.QueryLog;

/// <summary>
/// One query log row as stored and searched: made by the writer from a <see cref="QueryLogEntry"/>
/// (strings and all), and read back by <see cref="IQueryLogStore.SearchAsync"/>.
/// </summary>
public sealed record QueryLogRow
{
    /// <summary>The store's row id (0 before insertion); newer rows have larger ids.</summary>
    public long Id { get; init; }

    /// <summary>When the query was received (UTC, microsecond precision).</summary>
    public DateTime Time { get; init; }

    public IPAddress Client { get; init; } = IPAddress.None;

    public int ClientPort { get; init; }

    /// <summary>"udp", "tcp" or "dot".</summary>
    public string Transport { get; init; } = "udp";

    public string View { get; init; } = "";

    /// <summary>The question name in presentation form, lowercased, with the final dot.</summary>
    public string Name { get; init; } = ".";

    public int QType { get; init; }

    public int QClass { get; init; }

    public int Rcode { get; init; }

    /// <summary>What answered (<see cref="AnswerSourceText"/>).</summary>
    public string Source { get; init; } = "";

    public string? BlockedList { get; init; }

    /// <summary>The upstream forwarders asked (their labels), for forwarded answers and failures.</summary>
    public string? Upstream { get; init; }

    public int ResponseSize { get; init; }

    public int DurationMicroseconds { get; init; }

    /// <summary>The response's first Extended DNS Error code (RFC 8914), if any.</summary>
    public int? ExtendedError { get; init; }

    /// <summary>The client as the 16 bytes the store keeps: IPv4 as ::ffff:a.b.c.d, so one range covers a prefix.</summary>
    public static byte[] ClientKey(IPAddress address)
    {
        IPAddress v6 = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? address.MapToIPv6() : address;
        return v6.GetAddressBytes();
    }

    /// <summary>Writes <see cref="ClientKey"/> into 16 bytes without allocating.</summary>
    public static void WriteClientKey(IPAddress address, Span<byte> key)
    {
        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            key[..10].Clear();
            key[10] = 0xff;
            key[11] = 0xff;
            address.TryWriteBytes(key[12..], out _);
        }
        else if (!address.TryWriteBytes(key, out _))
        {
            key.Clear();
        }
    }

    /// <summary>The address of a stored client key (an IPv4-mapped key comes back as IPv4).</summary>
    public static IPAddress FromClientKey(byte[] key)
    {
        var address = new IPAddress(key);
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }
}
