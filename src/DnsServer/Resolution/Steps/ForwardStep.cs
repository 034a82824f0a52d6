using SplitDns.Forwarders;
using SplitDns.Forwarders.Conditional;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.Server.Resolution.Steps;

/// <summary>
/// Forwarding: decides between a served zone and a conditional forwarder by the longer match
/// (label count), lets local records in a forwarded zone answer first, and sends the rest to
/// <see cref="IUpstreamResolver"/> (cache, conditional forwarder, upstream forwarders) for
/// clients inside the recursion ACL. Clients outside it get REFUSED with EDE 18 (RFC 8914 §4.19).
/// A query with RD=0 is answered from the cache only (RFC 1034 §4.3.1: no recursion was asked
/// for), else REFUSED with EDE 20. A cache hit completes synchronously; the encoded answer is
/// copied by the response writer.
/// </summary>
public sealed class ForwardStep : IQueryStep
{
    private const int MaxErrorText = 120;

    private static readonly ExtendedDnsError s_prohibited = new(ExtendedDnsErrorCode.Prohibited, "recursion not allowed for this client");

    // RD=0 and nothing cached: we are not authoritative and were not asked to recurse.
    private static readonly ExtendedDnsError s_notCached = new(ExtendedDnsErrorCode.NotAuthoritative, "not cached and recursion not desired");

    private readonly IUpstreamResolver _resolver;
    private readonly ForwarderZoneTable _conditional;
    private readonly ZoneCatalog _catalog;
    private readonly RecursionAcl _acl;
    private readonly bool _hasUpstream;
    private readonly bool _enabled;

    public ForwardStep(ForwardingResolver resolver, ZoneCatalog catalog, RecursionAcl acl)
    {
        _resolver = resolver;
        _conditional = resolver.Conditional;
        _catalog = catalog;
        _acl = acl;
        _hasUpstream = resolver.Upstream is not null;
        _enabled = _hasUpstream || _conditional.Count > 0;
    }

    /// <summary>
    /// True when recursion is available to this query's client: forwarding is configured and the
    /// client is inside the recursion ACL. Decides RA on every response (QueryProcessor sets
    /// <see cref="QueryContext.RecursionAvailable"/> from it); allocates nothing.
    /// </summary>
    public bool IsAvailableTo(QueryContext ctx) => _enabled && _acl.Allows(ctx);

    public ValueTask InvokeAsync(QueryContext ctx, QueryDelegate next)
    {
        if (!_enabled || ctx.QuestionClass != DnsClass.IN)
        {
            return next(ctx);
        }

        bool conditional = _conditional.TryMatch(ctx.QuestionName, out _, out int forwarderLabels);
        if (_catalog.TryFindZone(ctx.QuestionName, out ZoneSnapshot zone))
        {
            // The longer match wins; on a tie the forwarder wins but local data answers first.
            if (!conditional || zone.Origin.LabelCount > forwarderLabels || HasLocalData(zone, ctx))
            {
                return next(ctx);
            }
        }
        else if (!conditional && !_hasUpstream)
        {
            return next(ctx);
        }

        if (!ctx.RecursionAvailable)
        {
            ctx.Rcode = DnsRcode.Refused;
            ctx.AddExtendedError(s_prohibited);
            return default;
        }

        var question = new DnsQuestion(ctx.QuestionName, ctx.QuestionType, ctx.QuestionClass);
        if (!ctx.RecursionDesired)
        {
            if (_resolver.TryResolveFromCache(question, ctx.DnssecOk, ctx.CheckingDisabled, out ForwardResult cached))
            {
                Apply(ctx, cached);
                return default;
            }

            ctx.Rcode = DnsRcode.Refused;
            ctx.AddExtendedError(s_notCached);
            return default;
        }

        ValueTask<ForwardResult> pending = _resolver.ResolveAsync(question, ctx.DnssecOk, ctx.CheckingDisabled, CancellationToken.None);
        if (pending.IsCompletedSuccessfully)
        {
            Apply(ctx, pending.Result);
            return default;
        }

        return AwaitAsync(ctx, pending);
    }

    /// <summary>
    /// Local records of a forwarded name answer first; absent names and types fall through
    /// (never an empty NOERROR). Only records owned by the name itself count: a parent zone's
    /// wildcard (RFC 4592) must not swallow the forwarded zone.
    /// </summary>
    private static bool HasLocalData(ZoneSnapshot zone, QueryContext ctx) =>
        zone.Find(ctx.QuestionName, ctx.QuestionType, out ZoneNode? match, out _) is LookupOutcome.Hit or LookupOutcome.Cname
        && match is not null && match.Name.Equals(ctx.QuestionName);

    private static async ValueTask AwaitAsync(QueryContext ctx, ValueTask<ForwardResult> pending) =>
        Apply(ctx, await pending.ConfigureAwait(false));

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
