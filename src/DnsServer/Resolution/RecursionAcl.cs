using System.Net;

namespace SplitDns.Server.Resolution;

/// <summary>
/// Client networks that may use forwarding (recursion). Everyone else gets REFUSED with EDE 18
/// so SplitDns is never an open resolver (RFC 5358 §4). IPv4-mapped IPv6 clients (dual-stack
/// sockets) are checked as IPv4.
/// </summary>
public sealed class RecursionAcl
{
    /// <summary>Loopback, RFC 1918, shared address space (RFC 6598, Tailscale), ULA, link-local.</summary>
    public static readonly IReadOnlyList<string> DefaultNetworks =
        ["127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7", "fe80::/10"];

    private readonly IPNetwork[] _networks;

    public RecursionAcl(IEnumerable<IPNetwork> networks) => _networks = [.. networks];

    public static RecursionAcl Default { get; } = new(DefaultNetworks.Select(n => IPNetwork.Parse(n)));

    public IReadOnlyList<IPNetwork> Networks => _networks;

    public bool Allows(IPAddress client)
    {
        if (client.IsIPv4MappedToIPv6)
        {
            client = client.MapToIPv4();
        }

        foreach (IPNetwork network in _networks)
        {
            if (network.Contains(client))
            {
                return true;
            }
        }

        return false;
    }
}
