using System.Net;
using SplitDns.Server.Networking;

namespace SplitDns.Server.Resolution;

/// <summary>
/// Client networks that may use forwarding (recursion). Everyone else gets REFUSED with EDE 18
/// so SplitDns is never an open resolver (RFC 5358 §4). A <see cref="NetworkList"/>: checks
/// allocate nothing, also straight from a receive's socket address.
/// </summary>
public sealed class RecursionAcl
{
    /// <summary>Loopback, RFC 1918, shared address space (RFC 6598, Tailscale), ULA, link-local.</summary>
    public static readonly IReadOnlyList<string> DefaultNetworks =
        ["127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7", "fe80::/10"];

    private readonly NetworkList _list;

    public RecursionAcl(IEnumerable<IPNetwork> networks) => _list = new NetworkList(networks);

    public static RecursionAcl Default { get; } = new(DefaultNetworks.Select(n => IPNetwork.Parse(n)));

    public IReadOnlyList<IPNetwork> Networks => _list.Networks;

    public bool Allows(IPAddress client) => _list.Contains(client);

    /// <summary>The same check on a socket address as filled in by a receive (no IPEndPoint is made).</summary>
    public bool Allows(System.Net.SocketAddress client) => _list.Contains(client);

    /// <summary>Checks the client of a query: from its socket address when the listener gave one (UDP).</summary>
    public bool Allows(QueryContext ctx) => ctx.ClientIn(_list);
}
