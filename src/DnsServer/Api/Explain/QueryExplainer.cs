using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Options;
using SplitDns.Blocking;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Hosting;
using SplitDns.Server.Metrics;
using SplitDns.Server.Resolution;
using SplitDns.Server.Views;

namespace SplitDns.Server.Api.Explain;

/// <summary>
/// Explains what a query for (name, type) from a client address gets, by doing what the query
/// processor does for it: select the view, route the name, run that view's real chain, with an
/// <see cref="ExplainTrace"/> on the context that the steps write their decisions into. The
/// answer is what the client would get (a forwarded name really is forwarded on a cache miss and
/// cached as any query). It is not a client query: not counted in the query metrics, not written
/// to the query log (the processor does both; the explainer never calls it), blocked answers are
/// not counted. Forwarder cache hit/miss counters do count it (they live in the resolver).
/// </summary>
public sealed class QueryExplainer
{
    private readonly ViewTable _views;
    private readonly RecursionAcl _acl;
    private readonly BlocklistCatalog _blocklists;
    private readonly IReadOnlyList<IPEndPoint> _listeners;

    public QueryExplainer(ViewTable views, RecursionAcl acl, BlocklistCatalog blocklists, IOptions<ServerSettings> settings)
    {
        _views = views;
        _acl = acl;
        _blocklists = blocklists;
        _listeners = settings.Value.DnsEndpoints;
    }

    /// <summary>The index of a configured DNS listener endpoint, or -1.</summary>
    public int ListenerIndexOf(IPEndPoint endpoint) => Listeners.ListenerIndex.Exact(_listeners, endpoint);

    public async Task<ExplainResult> ExplainAsync(DnsName name, RecordType type, IPAddress client, int listener)
    {
        if (client.IsIPv4MappedToIPv6)
        {
            client = client.MapToIPv4();
        }

        DnsView view = _views.Select(client, listener);
        var trace = new ExplainTrace(_blocklists) { Type = type };
        QueryContext ctx = NewContext(name, type, client, listener, view);
        ctx.Trace = trace;
        view.Router.Route(ctx);
        ExplainRoute route = RouteExplanation.For(view, ctx);
        try
        {
            await view.Chain.InvokeAsync(ctx).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // As the processor does: a failing step answers SERVFAIL.
            ctx.ResetResponse();
            ctx.Rcode = DnsRcode.ServFail;
            trace.Step(TraceStep.Refused, TraceDecision.Answered, "a step failed (" + ex.GetType().Name + "): SERVFAIL");
        }

        return new ExplainResult(
            new ExplainQuestion(name.ToString(), RecordTypeNames.ToText(type)),
            client.ToString(),
            new ExplainView(view.Name, ViewReason(view, client, listener)),
            route,
            Steps(view, trace),
            Answer(ctx));
    }

    private QueryContext NewContext(DnsName name, RecordType type, IPAddress client, int listener, DnsView view)
    {
        var ctx = new QueryContext
        {
            Transport = DnsTransport.Udp,
            ListenerIndex = listener,
            ReceivedAt = Stopwatch.GetTimestamp(),
        };
        ctx.SetClient(new IPEndPoint(client, 0));
        ctx.ResetResponse();
        ctx.SetQuestionName(name.Wire);
        ctx.QuestionType = type;
        ctx.QuestionClass = DnsClass.IN;
        ctx.RecursionDesired = true; // as dig and stub resolvers ask
        ctx.HasEdns = true;
        ctx.MaxResponseSize = ushort.MaxValue;
        ctx.View = view;
        ctx.RecursionAvailable = view.ForwardingEnabled && _acl.Allows(ctx);
        return ctx;
    }

    /// <summary>Why the view table chose <paramref name="view"/> (first match in order; the last view is the catch-all).</summary>
    private string ViewReason(DnsView view, IPAddress client, int listener)
    {
        if (_views.Views.Count == 1)
        {
            return "the only view: every client gets it";
        }

        Span<byte> bytes = stackalloc byte[16];
        client.TryWriteBytes(bytes, out int written);
        int network = view.Settings.Networks.IndexOf(bytes[..written]);
        string order = " (views are tried in configuration order; the first match wins)";
        if (view.Settings.Listen.Count > 0 && listener >= 0)
        {
            string on = "the query arrived on listener " + _listeners[listener] + ", one of view " + view.Name + "'s listeners";
            return network >= 0 ? on + ", and client " + client + " is in " + view.Settings.Networks.Networks[network] + order : on + order;
        }

        if (network >= 0)
        {
            return "client " + client + " is in " + view.Settings.Networks.Networks[network] + ", a network of view " + view.Name + order;
        }

        return view.Settings.IsCatchAll
            ? "no earlier view's networks or listeners match client " + client + ": view " + view.Name + " is the catch-all"
            : "no view matches client " + client + ": the last view " + view.Name + " takes it";
    }

    /// <summary>The trace in the order the steps ran, with the steps this view's chain does not have said so where they would run.</summary>
    private static List<ExplainStep> Steps(DnsView view, ExplainTrace trace)
    {
        var steps = new List<ExplainStep>(trace.Entries.Count + 2);
        var missing = new List<(TraceStep Step, string Reason)>(2);
        if (view.Blocking is null)
        {
            missing.Add((TraceStep.Blocking, view.Settings.Blocking.Enabled ? "view does not block (it does not forward)" : "view does not block"));
        }

        if (view.Forwarders.IsEmpty)
        {
            missing.Add((TraceStep.Forwarding, "view does not forward (no upstream or conditional forwarder)"));
        }

        int next = 0;
        foreach ((TraceStep step, ExplainStep entry) in trace.Entries)
        {
            while (next < missing.Count && missing[next].Step < step)
            {
                steps.Add(new ExplainStep(ExplainTrace.StepName(missing[next].Step), "skipped", missing[next].Reason));
                next++;
            }

            steps.Add(entry);
        }

        return steps;
    }

    private static ExplainAnswer Answer(QueryContext ctx)
    {
        var flags = new List<string>(3) { "qr", "rd" };
        if (ctx.AuthoritativeAnswer)
        {
            flags.Add("aa");
        }

        if (ctx.RecursionAvailable)
        {
            flags.Add("ra");
        }

        var ede = new List<ExplainEde>(ctx.ExtendedErrors.Count);
        foreach (Protocol.Edns.ExtendedDnsError e in ctx.ExtendedErrors)
        {
            ede.Add(new ExplainEde((int)e.Code, e.Text));
        }

        if (ctx.HasForwarded)
        {
            DnsMessage message = ctx.Forwarded.ToMessage(0, recursionDesired: true);
            return new ExplainAnswer(MetricLabels.Rcode(ctx.Rcode), flags, ede,
                SectionText.Lines(message.Answers), SectionText.Lines(message.Authority), SectionText.Lines(message.Additional));
        }

        return new ExplainAnswer(MetricLabels.Rcode(ctx.Rcode), flags, ede,
            SectionText.Lines(ctx.Answer), SectionText.Lines(ctx.Authority), SectionText.Lines(ctx.Additional));
    }
}
