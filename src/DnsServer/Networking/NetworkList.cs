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
            _prefixes[i] = new Prefix(n.BaseAddress.GetAddressBytes(), n.PrefixLength);
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
        for (int i = 0; i < _prefixes.Length; i++)
        {
            if (_prefixes[i].Contains(address))
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
        address.Length == 16 && address[..10].IndexOfAnyExcept((byte)0) < 0 && address[10] == 0xFF && address[11] == 0xFF
            ? address[12..]
            : address;

    private readonly record struct Prefix(byte[] Bytes, int Length)
    {
        public bool Contains(ReadOnlySpan<byte> address)
        {
            if (address.Length != Bytes.Length)
            {
                return false;
            }

            int whole = Length / 8;
            if (!address[..whole].SequenceEqual(Bytes.AsSpan(0, whole)))
            {
                return false;
            }

            int rest = Length % 8;
            if (rest == 0)
            {
                return true;
            }

            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[whole] & mask) == (Bytes[whole] & mask);
        }
    }
}
