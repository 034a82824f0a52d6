using SplitDns.Protocol.Wire;

namespace SplitDns.Forwarders;

/// <summary>
/// What the server's ForwardStep calls: resolve a question through the cache, the conditional
/// forwarders (longest suffix match) or the upstream forwarders. Never throws for upstream
/// trouble: failures come back as a result with rcode and EDE, within the configured deadline.
/// </summary>
public interface IUpstreamResolver
{
    ValueTask<ForwardResult> ResolveAsync(DnsQuestion question, bool dnssecOk, bool checkingDisabled, CancellationToken ct);
}
