using System.Buffers.Binary;
using System.Net;

namespace SplitDns.Protocol.Proxy;

/// <summary>
/// The PROXY protocol version 2 header (haproxy's proxy-protocol.txt §2.2) a TCP proxy sends
/// before the relayed stream: the 12-octet signature, version and command (0x21 PROXY, 0x20
/// LOCAL), family and transport, the length of what follows, then the addresses and ports and
/// optional TLVs (skipped). PROXY is accepted for TCP over IPv4 (0x11) and IPv6 (0x21) only;
/// LOCAL with any family (its address block is ignored, §2.2). Version 1 (text) is not accepted.
/// Parsed once per connection, so <see cref="Source"/> may allocate.
/// </summary>
public readonly struct ProxyHeader
{
    /// <summary>Signature, version/command, family/transport, length.</summary>
    public const int FixedLength = 16;

    /// <summary>The longest header: the length field is 16 bits.</summary>
    public const int MaxLength = FixedLength + ushort.MaxValue;

    private const byte TcpOverIPv4 = 0x11;
    private const byte TcpOverIPv6 = 0x21;
    private const int IPv4Block = 12;
    private const int IPv6Block = 36;

    private ProxyHeader(ProxyCommand command, IPEndPoint? source, IPEndPoint? destination, int length)
    {
        Command = command;
        Source = source;
        Destination = destination;
        Length = length;
    }

    /// <summary>\r\n\r\n\0\r\nQUIT\n (§2.2): never the start of a DNS-over-TCP stream or a v1 header.</summary>
    public static ReadOnlySpan<byte> Signature => [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];

    public ProxyCommand Command { get; }

    /// <summary>The client as the proxy saw it; null for LOCAL.</summary>
    public IPEndPoint? Source { get; }

    /// <summary>The address the client connected to on the proxy; null for LOCAL.</summary>
    public IPEndPoint? Destination { get; }

    /// <summary>Octets the header takes, TLVs included: the DNS stream starts after them.</summary>
    public int Length { get; }

    /// <summary>
    /// Parses a header at the start of <paramref name="data"/>. <see cref="ProxyParseStatus.NeedMore"/>
    /// only while every octet seen could still start a valid header, so a client that sends
    /// plain DNS is told apart at its first octet.
    /// </summary>
    public static ProxyParseStatus TryParse(ReadOnlySpan<byte> data, out ProxyHeader header, out string? error)
    {
        header = default;
        error = null;
        ReadOnlySpan<byte> signature = Signature;
        int prefix = Math.Min(data.Length, signature.Length);
        if (!data[..prefix].SequenceEqual(signature[..prefix]))
        {
            error = "no PROXY v2 signature";
            return ProxyParseStatus.Invalid;
        }

        if (data.Length > 12 && data[12] is not (0x20 or 0x21))
        {
            // §2.2: the high nibble is the version (2); a command other than LOCAL or PROXY must be dropped.
            error = "PROXY version/command is not 0x20 (LOCAL) or 0x21 (PROXY)";
            return ProxyParseStatus.Invalid;
        }

        if (data.Length < FixedLength)
        {
            return ProxyParseStatus.NeedMore;
        }

        var command = (ProxyCommand)(data[12] & 0x0F);
        byte family = data[13];
        int length = FixedLength + BinaryPrimitives.ReadUInt16BigEndian(data[14..]);
        int block = family switch
        {
            TcpOverIPv4 => IPv4Block,
            TcpOverIPv6 => IPv6Block,
            _ => -1,
        };
        if (command == ProxyCommand.Proxy && block < 0)
        {
            // UDP, UNIX sockets and UNSPEC carry no TCP client address this server could use.
            error = "PROXY family/transport is not TCP over IPv4 (0x11) or IPv6 (0x21)";
            return ProxyParseStatus.Invalid;
        }

        if (command == ProxyCommand.Proxy && length - FixedLength < block)
        {
            error = "PROXY length is shorter than its address block";
            return ProxyParseStatus.Invalid;
        }

        if (data.Length < length)
        {
            return ProxyParseStatus.NeedMore;
        }

        header = command == ProxyCommand.Local
            ? new ProxyHeader(ProxyCommand.Local, null, null, length)
            : ReadAddresses(data[FixedLength..], block == IPv4Block ? 4 : 16, length);
        return ProxyParseStatus.Done;
    }

    /// <summary>src_addr, dst_addr, src_port, dst_port (§2.2, network order); the TLVs after them are skipped.</summary>
    private static ProxyHeader ReadAddresses(ReadOnlySpan<byte> block, int size, int length)
    {
        var source = new IPAddress(block[..size]);
        var destination = new IPAddress(block.Slice(size, size));
        int sourcePort = BinaryPrimitives.ReadUInt16BigEndian(block[(2 * size)..]);
        int destinationPort = BinaryPrimitives.ReadUInt16BigEndian(block[(2 * size + 2)..]);
        return new ProxyHeader(ProxyCommand.Proxy, new IPEndPoint(source, sourcePort), new IPEndPoint(destination, destinationPort), length);
    }

    /// <summary>Encodes a PROXY header for TCP (tests, tools); allocates.</summary>
    public static byte[] Create(IPEndPoint source, IPEndPoint destination, ReadOnlySpan<byte> tlvs = default)
    {
        if (source.AddressFamily != destination.AddressFamily)
        {
            throw new ArgumentException("source and destination must have the same family", nameof(destination));
        }

        int size = source.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 4 : 16;
        int block = 2 * size + 4;
        byte[] header = new byte[FixedLength + block + tlvs.Length];
        Signature.CopyTo(header);
        header[12] = 0x21;
        header[13] = size == 4 ? TcpOverIPv4 : TcpOverIPv6;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(14), (ushort)(block + tlvs.Length));
        Span<byte> body = header.AsSpan(FixedLength);
        source.Address.TryWriteBytes(body, out _);
        destination.Address.TryWriteBytes(body[size..], out _);
        BinaryPrimitives.WriteUInt16BigEndian(body[(2 * size)..], (ushort)source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(body[(2 * size + 2)..], (ushort)destination.Port);
        tlvs.CopyTo(body[block..]);
        return header;
    }
}
