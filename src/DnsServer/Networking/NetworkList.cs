using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace SplitDns.Server.Networking;

/// <summary>
/// An ordered list of CIDR networks (IPv4 and IPv6) matched without allocating: against an
/// <see cref="IPAddress"/>, straight against a receive's <see cref="SocketAddress"/>, or against
/// raw address bytes. IPv4-mapped IPv6 addresses (dual-stack sockets) are matched as IPv4.
/// Used for the recursion ACL, view networks, and the trusted PROXY and ECS sources.
/// </summary>
public sealed class NetworkList
{
    // sockaddr_in / sockaddr_in6: the address starts at offset 4 / 8 on every platform .NET runs on.
    private const int IPv4Offset = 4;
    private const int IPv6Offset = 8;

    private readonly IPNetwork[] _networks;
    private readonly Prefix[] _prefixes;

    public NetworkList(IEnumerable<IPNetwork> networks)
    {
        _networks = [.. networks];
        _prefixes = new Prefix[_networks.Length];
        for (int i = 0; i < _networks.Length; i++)
        {
            IPNetwork n = _networks[i];
            _prefixes[i] = Prefix.Of(n.BaseAddress.GetAddressBytes(), n.PrefixLength);
        }
    }

    public static NetworkList Empty { get; } = new([]);

    public IReadOnlyList<IPNetwork> Networks => _networks;

    public int Count => _networks.Length;

    public bool Contains(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        return address.TryWriteBytes(bytes, out int written) && Contains(bytes[..written]);
    }

    /// <summary>The same check on a socket address as filled in by a receive (no IPEndPoint is made).</summary>
    public bool Contains(SocketAddress address) => TryGetAddressBytes(address, out ReadOnlySpan<byte> bytes) && Contains(bytes);

    /// <summary>Matches raw address bytes (4 or 16); ::ffff:a.b.c.d is matched as a.b.c.d.</summary>
    public bool Contains(ReadOnlySpan<byte> address) => IndexOf(address) >= 0;

    /// <summary>The index of the first network containing the address, or -1.</summary>
    public int IndexOf(ReadOnlySpan<byte> address)
    {
        address = Unmap(address);
        if (!Prefix.TryRead(address, out ulong high, out ulong low))
        {
            return -1;
        }

        Prefix[] prefixes = _prefixes;
        for (int i = 0; i < prefixes.Length; i++)
        {
            if (prefixes[i].Contains(address.Length, high, low))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The address bytes inside a socket address (4 for IPv4, 16 for IPv6), without copying.</summary>
    public static bool TryGetAddressBytes(SocketAddress address, out ReadOnlySpan<byte> bytes)
    {
        ReadOnlySpan<byte> raw = address.Buffer.Span[..address.Size];
        switch (address.Family)
        {
            case AddressFamily.InterNetwork when raw.Length >= IPv4Offset + 4:
                bytes = raw.Slice(IPv4Offset, 4);
                return true;
            case AddressFamily.InterNetworkV6 when raw.Length >= IPv6Offset + 16:
                bytes = raw.Slice(IPv6Offset, 16);
                return true;
            default:
                bytes = default;
                return false;
        }
    }

    /// <summary>::ffff:a.b.c.d becomes a.b.c.d; other addresses are returned as they are.</summary>
    public static ReadOnlySpan<byte> Unmap(ReadOnlySpan<byte> address) =>
        address.Length == 16 && BinaryPrimitives.ReadUInt64BigEndian(address) == 0
        && BinaryPrimitives.ReadUInt32BigEndian(address[8..]) == 0xFFFF
            ? address[12..]
            : address;

    /// <summary>
    /// A network as 128 bits of address and mask (IPv4 in the low 32 bits), so a match is two
    /// masked compares of an address read once per lookup, not a byte comparison per network.
    /// </summary>
    private readonly record struct Prefix(int AddressLength, ulong High, ulong Low, ulong MaskHigh, ulong MaskLow)
    {
        public static Prefix Of(byte[] address, int length)
        {
            TryRead(address, out ulong high, out ulong low);
            int bits = address.Length * 8;
            // The mask's bits, counted from the address's first (most significant) bit.
            UInt128 all = bits == 128 ? UInt128.MaxValue : (UInt128.One << bits) - 1;
            UInt128 mask = length == 0 ? UInt128.Zero : all & ~((UInt128.One << (bits - length)) - 1);
            ulong maskHigh = (ulong)(mask >> 64);
            ulong maskLow = (ulong)mask;
            return new Prefix(address.Length, high & maskHigh, low & maskLow, maskHigh, maskLow);
        }

        /// <summary>4 or 16 address bytes as two integers: IPv4 in the low 32 bits of <paramref name="low"/>.</summary>
        public static bool TryRead(ReadOnlySpan<byte> address, out ulong high, out ulong low)
        {
            switch (address.Length)
            {
                case 4:
                    high = 0;
                    low = BinaryPrimitives.ReadUInt32BigEndian(address);
                    return true;
                case 16:
                    high = BinaryPrimitives.ReadUInt64BigEndian(address);
                    low = BinaryPrimitives.ReadUInt64BigEndian(address[8..]);
                    return true;
                default:
                    high = low = 0;
                    return false;
            }
        }

        public bool Contains(int addressLength, ulong high, ulong low) =>
            addressLength == AddressLength && (high & MaskHigh) == High && (low & MaskLow) == Low;
    }
}
