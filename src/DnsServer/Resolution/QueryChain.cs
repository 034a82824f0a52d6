using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Wire;

namespace SplitDns.Server.Resolution;

/// <summary>
/// The resolver chain, folded once at start-up in reverse order (STYLE rule 2). The terminal
/// step answers REFUSED with EDE 20 "Not Authoritative" (RFC 8914 §4.21): nothing here serves
/// or forwards the name.
/// </summary>
public sealed class QueryChain
{
    private static readonly QueryDelegate s_terminal = Refuse;

    public QueryChain(IReadOnlyList<IQueryStep> steps)
    {
        Steps = steps;
        QueryDelegate next = s_terminal;
        for (int i = steps.Count - 1; i >= 0; i--)
        {
            next = new Link(steps[i], next).Invoke;
        }

        Entry = next;
    }

    public IReadOnlyList<IQueryStep> Steps { get; }

    public QueryDelegate Entry { get; }

    public ValueTask InvokeAsync(QueryContext ctx) => Entry(ctx);

    private static ValueTask Refuse(QueryContext ctx)
    {
        ctx.Rcode = DnsRcode.Refused;
        ctx.AuthoritativeAnswer = false;
        ctx.AddExtendedError(new ExtendedDnsError(ExtendedDnsErrorCode.NotAuthoritative));
        ctx.Trace?.Step(TraceStep.Refused, TraceDecision.Answered, "no zone, forwarder or upstream of this view covers the name: REFUSED with EDE 20");
        return default;
    }

    /// <summary>Binds a step to the rest of the chain without a closure.</summary>
    private sealed class Link(IQueryStep step, QueryDelegate next)
    {
        public ValueTask Invoke(QueryContext ctx) => step.InvokeAsync(ctx, next);
    }
}
