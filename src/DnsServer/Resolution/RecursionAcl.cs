using System.Net;
using System.Net.Sockets;

namespace SplitDns.Server.Resolution;

/// <summary>
/// Client networks that may use forwarding (recursion). Everyone else gets REFUSED with EDE 18
/// so SplitDns is never an open resolver (RFC 5358 §4). IPv4-mapped IPv6 clients (dual-stack
/// sockets) are checked as IPv4. Checks compare address bytes against prefixes parsed once, so
/// they allocate nothing, also straight from a receive's <see cref="SocketAddress"/>.
/// </summary>
public sealed class RecursionAcl
{
    /// <summary>Loopback, RFC 1918, shared address space (RFC 6598, Tailscale), ULA, link-local.</summary>
    public static readonly IReadOnlyList<string> DefaultNetworks =
        ["127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7", "fe80::/10"];

    // sockaddr_in / sockaddr_in6: the address starts at offset 4 / 8 on every platform .NET runs on.
    private const int IPv4Offset = 4;
    private const int IPv6Offset = 8;

    private readonly IPNetwork[] _networks;
    private readonly Prefix[] _prefixes;

    public RecursionAcl(IEnumerable<IPNetwork> networks)
    {
        _networks = [.. networks];
        _prefixes = new Prefix[_networks.Length];
        for (int i = 0; i < _networks.Length; i++)
        {
            IPNetwork n = _networks[i];
            _prefixes[i] = new Prefix(n.BaseAddress.GetAddressBytes(), n.PrefixLength);
        }
    }

    public static RecursionAcl Default { get; } = new(DefaultNetworks.Select(n => IPNetwork.Parse(n)));

    public IReadOnlyList<IPNetwork> Networks => _networks;

    public bool Allows(IPAddress client)
    {
        Span<byte> bytes = stackalloc byte[16];
        return client.TryWriteBytes(bytes, out int written) && Allows(bytes[..written]);
    }

    /// <summary>The same check on a socket address as filled in by a receive (no IPEndPoint is made).</summary>
    public bool Allows(SocketAddress client)
    {
        ReadOnlySpan<byte> raw = client.Buffer.Span[..client.Size];
        return client.Family switch
        {
            AddressFamily.InterNetwork when raw.Length >= IPv4Offset + 4 => Allows(raw.Slice(IPv4Offset, 4)),
            AddressFamily.InterNetworkV6 when raw.Length >= IPv6Offset + 16 => Allows(raw.Slice(IPv6Offset, 16)),
            _ => false,
        };
    }

    /// <summary>Checks the client of a query: from its socket address when the listener gave one (UDP).</summary>
    public bool Allows(QueryContext ctx) =>
        ctx.ClientSocketAddress is { } address ? Allows(address) : ctx.HasClientEndPoint && Allows(ctx.ClientEndPoint.Address);

    /// <summary>Matches raw address bytes (4 or 16); ::ffff:a.b.c.d is matched as a.b.c.d.</summary>
    private bool Allows(ReadOnlySpan<byte> address)
    {
        if (address.Length == 16 && IsIPv4Mapped(address))
        {
            address = address[12..];
        }

        foreach (Prefix prefix in _prefixes)
        {
            if (prefix.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsIPv4Mapped(ReadOnlySpan<byte> a) =>
        a[..10].IndexOfAnyExcept((byte)0) < 0 && a[10] == 0xFF && a[11] == 0xFF;

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
