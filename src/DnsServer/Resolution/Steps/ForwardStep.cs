using SplitDns.Forwarders;
using SplitDns.Forwarders.Upstreams;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Server.Resolution.Steps;

/// <summary>
/// Forwarding: names the view's <see cref="NameRouter"/> sent to a conditional forwarder or the
/// upstream forwarders go to <see cref="IUpstreamResolver"/> (cache, then that group) for clients
/// to whom recursion is available (the view allows it and the client is inside the recursion
/// ACL). Other clients get REFUSED with EDE 18 (RFC 8914 §4.19). A query with RD=0 is answered
/// from the cache only (RFC 1034 §4.3.1: no recursion was asked for), else REFUSED with EDE 20.
/// A cache hit completes synchronously; the encoded answer is copied by the response writer.
/// </summary>
public sealed class ForwardStep : IQueryStep
{
    private const int MaxErrorText = 120;

    private static readonly ExtendedDnsError s_prohibited = new(ExtendedDnsErrorCode.Prohibited, "recursion not allowed for this client");

    // RD=0 and nothing cached: we are not authoritative and were not asked to recurse.
    private static readonly ExtendedDnsError s_notCached = new(ExtendedDnsErrorCode.NotAuthoritative, "not cached and recursion not desired");

    private readonly IUpstreamResolver _resolver;

    public ForwardStep(IUpstreamResolver resolver) => _resolver = resolver;

    public ValueTask InvokeAsync(QueryContext ctx, QueryDelegate next)
    {
        if (ctx.Target is not (QueryTarget.Conditional or QueryTarget.Upstream))
        {
            ctx.Trace?.Step(TraceStep.Forwarding, TraceDecision.Skipped, "the name is not routed to a forwarder");
            return next(ctx);
        }

        if (!ctx.RecursionAvailable)
        {
            ctx.Rcode = DnsRcode.Refused;
            ctx.AddExtendedError(s_prohibited);
            ctx.Trace?.Step(TraceStep.Forwarding, TraceDecision.Answered,
                "recursion is not available to this client (view without recursion, or client outside the recursion ACL): REFUSED with EDE 18");
            return default;
        }

        UpstreamGroup group = ctx.ForwardGroup!;
        var question = new DnsQuestion(ctx.QuestionName, ctx.QuestionType, ctx.QuestionClass);
        if (!ctx.RecursionDesired)
        {
            if (_resolver.TryResolveFromCache(group, question, ctx.DnssecOk, ctx.CheckingDisabled, out ForwardResult cached))
            {
                Apply(ctx, cached);
                ctx.Trace?.Forwarded(group, cached);
                return default;
            }

            ctx.Rcode = DnsRcode.Refused;
            ctx.AddExtendedError(s_notCached);
            ctx.Trace?.Step(TraceStep.Forwarding, TraceDecision.Answered, "RD=0 and not cached: REFUSED with EDE 20");
            return default;
        }

        ValueTask<ForwardResult> pending = _resolver.ResolveAsync(group, question, ctx.DnssecOk, ctx.CheckingDisabled, CancellationToken.None);
        if (pending.IsCompletedSuccessfully)
        {
            ForwardResult result = pending.Result;
            Apply(ctx, result);
            ctx.Trace?.Forwarded(group, result);
            return default;
        }

        return AwaitAsync(ctx, group, pending);
    }

    private static async ValueTask AwaitAsync(QueryContext ctx, UpstreamGroup group, ValueTask<ForwardResult> pending)
    {
        ForwardResult result = await pending.ConfigureAwait(false);
        Apply(ctx, result);
        ctx.Trace?.Forwarded(group, result);
    }

    private static void Apply(QueryContext ctx, ForwardResult result)
    {
        ctx.Rcode = result.Rcode;
        ctx.AuthoritativeAnswer = false;
        if (result.Succeeded)
        {
            ctx.SetForwarded(result);
        }

        if (result.ExtendedError is { } code)
        {
            string? text = result.ExtendedErrorText;
            ctx.AddExtendedError(new ExtendedDnsError(code, text is { Length: > MaxErrorText } ? text[..MaxErrorText] : text));
        }
    }
}
