using SplitDns.Forwarders.Upstreams;
using SplitDns.Protocol.Names;

namespace SplitDns.Forwarders.Conditional;

/// <summary>A conditional forwarder: every name at or below <see cref="Zone"/> goes to <see cref="Upstreams"/>.</summary>
public sealed record ForwarderZone(DnsName Zone, UpstreamGroup Upstreams);
