using SplitDns.Forwarders.Upstreams;
using SplitDns.Protocol.Names;

namespace SplitDns.Forwarders;

/// <summary>One conditional forwarder: a zone and its ordered servers.</summary>
public sealed class ConditionalForwarderOptions
{
    public required DnsName Zone { get; init; }

    public List<UpstreamEndpoint> Servers { get; init; } = [];
}
