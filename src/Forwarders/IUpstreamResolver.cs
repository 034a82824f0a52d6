using SplitDns.Forwarders.Upstreams;
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

    /// <summary>
    /// A non-recursive lookup (a query with RD=0, RFC 1034 §4.3.1): answers from fresh cache
    /// entries only and never sends anything upstream. False when the question is not cached.
    /// </summary>
    bool TryResolveFromCache(DnsQuestion question, bool dnssecOk, bool checkingDisabled, out ForwardResult result);

    /// <summary>Resolves through a group the caller chose (a view's routing decided it once).</summary>
    ValueTask<ForwardResult> ResolveAsync(UpstreamGroup group, DnsQuestion question, bool dnssecOk, bool checkingDisabled, CancellationToken ct);

    /// <summary>As <see cref="TryResolveFromCache(DnsQuestion, bool, bool, out ForwardResult)"/>, in that group's cache partition.</summary>
    bool TryResolveFromCache(UpstreamGroup group, DnsQuestion question, bool dnssecOk, bool checkingDisabled, out ForwardResult result);
}
