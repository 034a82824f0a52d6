using SplitDns.Blocking;
using SplitDns.Forwarders.Cache;
using SplitDns.Protocol.Records;
using SplitDns.Server.Blocking;
using SplitDns.Server.Metrics;

namespace SplitDns.Server.Resolution.Steps;

/// <summary>
/// Blocking for one view: a name the router sent to a forwarder is looked up in the shared
/// blocklist index with this view's lists (one lookup per label suffix, no allocation); a
/// blocked name is answered as the view's mode says, with EDE 15 naming the list. Names that pass
/// are forwarded by the next step, and a forwarded answer whose CNAME chain goes through a
/// blocked name is replaced by the blocked answer (CNAME cloaking). Served zones are never
/// blocked, nor names the view's allowlists allow (their CNAME chains are not checked either).
/// Clients without recursion pass on to be refused.
/// </summary>
public sealed class BlockingStep : IQueryStep
{
    private readonly ViewBlocking _blocking;
    private readonly BlocklistCatalog _catalog;
    private readonly DnsServerMetrics _metrics;

    public BlockingStep(ViewBlocking blocking, BlocklistCatalog catalog, DnsServerMetrics metrics)
    {
        _blocking = blocking;
        _catalog = catalog;
        _metrics = metrics;
    }

    public ValueTask InvokeAsync(QueryContext ctx, QueryDelegate next)
    {
        if (ctx.Target is not (QueryTarget.Conditional or QueryTarget.Upstream) || !ctx.RecursionAvailable
            || ctx.QuestionClass != DnsClass.IN || !_blocking.IsActive)
        {
            if (ctx.Trace is { } trace)
            {
                TraceSkipped(trace, ctx);
            }

            return next(ctx);
        }

        BlockingIndex index = _catalog.Index;
        BlockMatch match = index.Match(ctx.QuestionName.Wire, _blocking.BlockMask, _blocking.AllowMask);
        if (match.IsBlocked)
        {
            Block(ctx, match.ListIndex, ctx.QuestionName, cnameTarget: false);
            return default;
        }

        if (match.IsAllowed)
        {
            ctx.Trace?.Step(TraceStep.Blocking, TraceDecision.Passed, "allowed by an allowlist of the view (CNAME targets not checked)");
            return next(ctx);
        }

        ctx.Trace?.Step(TraceStep.Blocking, TraceDecision.Passed, "not on any list of the view");

        ValueTask pending = next(ctx);
        if (!pending.IsCompletedSuccessfully)
        {
            return CheckAfterAsync(ctx, index, pending);
        }

        CheckCnameTargets(ctx, index);
        return default;
    }

    private void TraceSkipped(IQueryTrace trace, QueryContext ctx)
    {
        if (ctx.Target is not (QueryTarget.Conditional or QueryTarget.Upstream))
        {
            trace.Step(TraceStep.Blocking, TraceDecision.Skipped, "the name is not forwarded: served zones are never blocked");
        }
        else if (!ctx.RecursionAvailable)
        {
            trace.Step(TraceStep.Blocking, TraceDecision.Skipped, "recursion is not available to this client");
        }
        else if (ctx.QuestionClass != DnsClass.IN)
        {
            trace.Step(TraceStep.Blocking, TraceDecision.Skipped, "not class IN");
        }
        else
        {
            trace.BlockingOff(_blocking.DisabledUntil);
        }
    }

    private async ValueTask CheckAfterAsync(QueryContext ctx, BlockingIndex index, ValueTask pending)
    {
        await pending.ConfigureAwait(false);
        CheckCnameTargets(ctx, index);
    }

    /// <summary>CNAME cloaking: a forwarded answer whose chain passes a blocked name is blocked.</summary>
    private void CheckCnameTargets(QueryContext ctx, BlockingIndex index)
    {
        if (!ctx.HasForwarded || ctx.Forwarded.Response is not CachedResponse response)
        {
            return;
        }

        IReadOnlyList<Protocol.Names.DnsName> targets = response.CnameTargets;
        for (int i = 0; i < targets.Count; i++)
        {
            BlockMatch match = index.Match(targets[i].Wire, _blocking.BlockMask, _blocking.AllowMask);
            if (match.IsBlocked)
            {
                ctx.ClearForwarded();
                ctx.ExtendedErrors.Clear();
                Block(ctx, match.ListIndex, targets[i], cnameTarget: true);
                return;
            }
        }
    }

    private void Block(QueryContext ctx, int list, Protocol.Names.DnsName listed, bool cnameTarget)
    {
        _blocking.Answers.Write(ctx, list, cnameTarget);
        string name = (uint)list < (uint)_blocking.ListNames.Count ? _blocking.ListNames[list] : "";
        ctx.BlockedList = name;
        if (ctx.Trace is { } trace)
        {
            // An explained query is not a client's: it is traced, not counted.
            trace.Blocked(name, listed, cnameTarget);
            return;
        }

        _metrics.RecordBlocked(_blocking.View, name, cnameTarget);
    }
}
