using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Primitives;
using SplitDns.Server.Networking;

namespace SplitDns.Server.Listeners.Doh;

/// <summary>
/// The client of a DoH request: the TCP peer, unless the peer is a trusted proxy
/// (SplitDns:Doh:TrustedProxies) that sent X-Forwarded-For. Proxies append the address they
/// received from, so the chain is walked from the right: trusted hops are skipped and the first
/// untrusted address is the client. A chain made only of trusted hops names its left-most one;
/// an entry that is not an address stops the walk at the hop to its right (the nearest one a
/// trusted proxy vouched for), so a client cannot choose its view by writing garbage in front.
/// </summary>
internal static class DohClientAddress
{
    public const string Header = "X-Forwarded-For";

    public static IPAddress Resolve(IPAddress peer, StringValues forwardedFor, NetworkList trusted)
    {
        IPAddress client = Normalize(peer);
        if (trusted.Count == 0 || forwardedFor.Count == 0 || !trusted.Contains(client))
        {
            return client;
        }

        // Several headers are one list, in order (RFC 9110 §5.3).
        for (int h = forwardedFor.Count - 1; h >= 0; h--)
        {
            ReadOnlySpan<char> list = forwardedFor[h];
            while (!list.IsEmpty)
            {
                int comma = list.LastIndexOf(',');
                ReadOnlySpan<char> entry = list[(comma + 1)..].Trim();
                list = comma < 0 ? [] : list[..comma];
                if (entry.IsEmpty)
                {
                    continue;
                }

                if (!TryParse(entry, out IPAddress? hop))
                {
                    return client;
                }

                client = hop;
                if (!trusted.Contains(client))
                {
                    return client;
                }
            }
        }

        return client;
    }

    /// <summary>"192.0.2.1", "192.0.2.1:4711", "2001:db8::1", "[2001:db8::1]:4711" (Envoy and nginx forms).</summary>
    private static bool TryParse(ReadOnlySpan<char> entry, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPAddress? address)
    {
        if (IPAddress.TryParse(entry, out address))
        {
            address = Normalize(address);
            return true;
        }

        if (IPEndPoint.TryParse(entry, out IPEndPoint? endPoint))
        {
            address = Normalize(endPoint.Address);
            return true;
        }

        address = null;
        return false;
    }

    private static IPAddress Normalize(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
