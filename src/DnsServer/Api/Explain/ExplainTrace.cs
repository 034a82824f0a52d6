using System.Globalization;
using System.Text;
using SplitDns.Blocking;
using SplitDns.Forwarders;
using SplitDns.Forwarders.Upstreams;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Server.Metrics;
using SplitDns.Server.Resolution;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.Server.Api.Explain;

/// <summary>
/// The trace an explained query carries through the real chain: collects each step's decision in
/// the order the steps ran and turns the facts steps report into sentences. Made per request.
/// </summary>
public sealed class ExplainTrace : IQueryTrace
{
    private readonly BlocklistCatalog _blocklists;

    public ExplainTrace(BlocklistCatalog blocklists) => _blocklists = blocklists;

    public List<(TraceStep Step, ExplainStep Entry)> Entries { get; } = [];

    public void Step(TraceStep step, TraceDecision decision, string detail) => Add(step, decision, detail);

    public void BlockingOff(DateTimeOffset? until) =>
        Add(TraceStep.Blocking, TraceDecision.Skipped, until is { } t
            ? "blocking disabled until " + t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : "none of the view's blocklists is known to the catalog");

    public void Blocked(string list, DnsName name, bool cnameTarget)
    {
        string entry = ListedEntry(name);
        string detail = "blocked by list " + list + " (entry " + entry + ")";
        if (cnameTarget)
        {
            detail += ": CNAME target " + name + " of the forwarded answer (CNAME cloaking)";
        }

        Add(TraceStep.Blocking, TraceDecision.Answered, detail);
    }

    public void Forwarded(UpstreamGroup group, in ForwardResult result)
    {
        string upstreams = Upstreams(group);
        string detail = result.Source switch
        {
            ForwardSource.Cache => "cache hit in the partition of " + upstreams + ": " + Rcode(result) + ", "
                + result.Response!.RemainingTtl(result.NowMs).ToString(CultureInfo.InvariantCulture) + " s of TTL left",
            ForwardSource.Upstream => "cache miss: " + (group.Servers.Count == 1
                ? "upstream " + group.Servers[0].Label + " answered " + Rcode(result)
                : "one of " + upstreams + " answered " + Rcode(result) + " (which one is not recorded)"),
            ForwardSource.Stale => "every upstream of " + upstreams + " failed: stale cached answer (RFC 8767, EDE 3)",
            _ => "no upstream of " + upstreams + " answered: " + Rcode(result) + (result.ExtendedError is { } code
                ? " with EDE " + ((int)code).ToString(CultureInfo.InvariantCulture) : "") + (result.ExtendedErrorText is { } text ? " (" + text + ")" : ""),
        };
        Add(TraceStep.Forwarding, TraceDecision.Answered, detail);
    }

    public void Lookup(ZoneSnapshot zone, DnsName name, LookupOutcome outcome, ZoneNode? match)
    {
        string where = " in zone " + zone.Origin + " (serial " + zone.Serial.ToString(CultureInfo.InvariantCulture) + ")";
        bool wildcard = match is not null && match.Name.WireLength > 0 && match.Name.Wire[0] == 1 && match.Name.Wire[1] == (byte)'*'
            && !match.Name.Equals(name);
        string detail = outcome switch
        {
            LookupOutcome.Hit when wildcard => "wildcard " + match!.Name + " matched " + name + where + " (RFC 4592)",
            LookupOutcome.Hit => "exact match: " + name + where,
            LookupOutcome.Cname => (wildcard ? "wildcard " + match!.Name + " matched " + name + ": " : "")
                + "CNAME " + name + " -> " + ((CnameRdata)match!.Cname![0].Data).Target + where + ", chain followed",
            LookupOutcome.Dname => "DNAME at " + match!.Name + " rewrites " + name + where + " (RFC 6672)",
            LookupOutcome.Referral => "referral: " + name + " is below the delegation " + match!.Name + where,
            LookupOutcome.NxDomain => "NXDOMAIN: " + name + " does not exist" + where + " and no wildcard covers it",
            LookupOutcome.NoData => (wildcard ? "wildcard " + match!.Name + " matched " + name + ": " : "")
                + "NODATA: " + name + " exists" + where + " but has no " + RecordTypeNames.ToText(Type) + " records",
            _ => outcome + where,
        };
        Add(TraceStep.Authoritative, TraceDecision.Answered, detail);
    }

    /// <summary>The question type, for NODATA sentences (set by the explainer).</summary>
    public RecordType Type { get; set; }

    private void Add(TraceStep step, TraceDecision decision, string detail) =>
        Entries.Add((step, new ExplainStep(StepName(step), DecisionName(decision), detail)));

    /// <summary>The most specific listed suffix of <paramref name="name"/> (the entry that blocks it).</summary>
    private string ListedEntry(DnsName name)
    {
        BlockingIndex index = _blocklists.Index;
        string text = name.ToString().TrimEnd('.').ToLowerInvariant();
        string candidate = text;
        while (candidate.Length > 0)
        {
            if (index.Contains(candidate))
            {
                return candidate;
            }

            int dot = candidate.IndexOf('.', StringComparison.Ordinal);
            candidate = dot < 0 ? "" : candidate[(dot + 1)..];
        }

        return text;
    }

    private static string Upstreams(UpstreamGroup group)
    {
        var sb = new StringBuilder("upstream group [");
        for (int i = 0; i < group.Servers.Count; i++)
        {
            sb.Append(i > 0 ? ", " : "").Append(group.Servers[i].Label);
        }

        return sb.Append(']').ToString();
    }

    private static string Rcode(in ForwardResult result) => MetricLabels.Rcode(result.Rcode);

    internal static string StepName(TraceStep step) => step switch
    {
        TraceStep.Chaos => "chaos",
        TraceStep.Blocking => "blocking",
        TraceStep.Forwarding => "forwarding",
        TraceStep.Authoritative => "authoritative",
        _ => "refused",
    };

    internal static string DecisionName(TraceDecision decision) => decision switch
    {
        TraceDecision.Skipped => "skipped",
        TraceDecision.Passed => "passed",
        _ => "answered",
    };
}
