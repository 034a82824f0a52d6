using SplitDns.Forwarders;
using SplitDns.Forwarders.Upstreams;
using SplitDns.Protocol.Names;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.Server.Resolution;

/// <summary>
/// Where steps say what they decided, for an explained query (GET /api/v1/explain) only. Queries
/// from clients have no trace (<see cref="QueryContext.Trace"/> is null), and steps call it with
/// <c>ctx.Trace?.…</c>, so the arguments are not even evaluated: no cost and no allocation on
/// the answering path. Texts passed here are constants; the implementation formats the rest.
/// </summary>
public interface IQueryTrace
{
    /// <summary>A decision with a constant reason.</summary>
    void Step(TraceStep step, TraceDecision decision, string detail);

    /// <summary>Blocking is configured for the view but switched off (until <paramref name="until"/>, or no list is loaded).</summary>
    void BlockingOff(DateTimeOffset? until);

    /// <summary><paramref name="name"/> (the question or a CNAME target of the forwarded answer) is on list <paramref name="list"/>.</summary>
    void Blocked(string list, DnsName name, bool cnameTarget);

    /// <summary>A forwarded question's result from <paramref name="group"/> (cache or upstream).</summary>
    void Forwarded(UpstreamGroup group, in ForwardResult result);

    /// <summary>One lookup in a served zone (several for a CNAME or DNAME chain).</summary>
    void Lookup(ZoneSnapshot zone, DnsName name, LookupOutcome outcome, ZoneNode? match);
}
