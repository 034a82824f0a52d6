using SplitDns.Server.Networking;

namespace SplitDns.Server.Hosting;

/// <summary>
/// Who may tell SplitDns a client address other than the packet's source (SplitDns:ClientSubnet,
/// SplitDns:ProxyProtocol). Both lists are empty by default: every client is its packet's source.
/// </summary>
public sealed class ClientAddressSettings
{
    /// <summary>
    /// Peers whose EDNS Client Subnet (RFC 7871) selects the view (SplitDns:ClientSubnet:TrustedSources),
    /// e.g. the cluster's CoreDNS pods. ECS from anyone else is ignored.
    /// </summary>
    public NetworkList ClientSubnetTrustedSources { get; init; } = NetworkList.Empty;

    /// <summary>
    /// TCP peers that must start every connection with a PROXY protocol v2 header
    /// (SplitDns:ProxyProtocol:TrustedNetworks); the header's source is then the client.
    /// </summary>
    public NetworkList ProxyTrustedNetworks { get; init; } = NetworkList.Empty;

    /// <summary>How long a trusted proxy has to send its whole header (SplitDns:ProxyProtocol:HeaderTimeoutSeconds).</summary>
    public TimeSpan ProxyHeaderTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
