using System.Runtime.CompilerServices;
using SplitDns.Forwarders.Upstreams;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.QueryLog;

/// <summary>
/// One logged query as the answering path writes it into <see cref="QueryLogRing"/>: numbers,
/// wire bytes in inline buffers, and references to strings and objects made at start-up (view,
/// list, upstream group). Nothing here is allocated per query; the writer makes the strings.
/// </summary>
internal struct QueryLogEntry
{
    /// <summary>When the query was received: UTC <see cref="DateTime.Ticks"/> (100 ns).</summary>
    public long ReceivedTicks;

    public int DurationMicroseconds;

    /// <summary>The client's address bytes (4 or 16, <see cref="ClientLength"/>); 0 when unknown.</summary>
    public AddressBytes Client;

    public byte ClientLength;

    public ushort ClientPort;

    public DnsTransport Transport;

    public AnswerSource Source;

    /// <summary>The question name in wire form (<see cref="NameLength"/> bytes, case as received).</summary>
    public NameBytes Name;

    public byte NameLength;

    public ushort QType;

    public ushort QClass;

    public ushort Rcode;

    public ushort ResponseSize;

    /// <summary>The first Extended DNS Error code of the response, or -1.</summary>
    public int ExtendedError;

    public string View;

    public string? BlockedList;

    public UpstreamGroup? Upstream;
}

[InlineArray(16)]
internal struct AddressBytes
{
    private byte _first;
}

[InlineArray(255)]
internal struct NameBytes
{
    private byte _first;
}
