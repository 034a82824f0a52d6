namespace SplitDns.Forwarders.Tests;

/// <summary>The resolver against fake upstreams on 127.0.0.x over real sockets.</summary>
public partial class ForwardingResolverTests
{
}
