using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.Server.Resolution.Steps;

/// <summary>
/// Answers from the served zones (RFC 1034 §4.3.2): exact RRsets, CNAME chasing across served
/// zones (loop-safe), wildcard synthesis (RFC 4592), DNAME synthesis (RFC 6672), referrals with
/// glue, and NXDOMAIN/NODATA with the SOA (RFC 2308 §2), for names the view's router gave to a
/// served zone; others go to the next step. Chains and additional records cross only into zones
/// this view sees. Adapts <see cref="ZoneSnapshot.Find"/>; allocates nothing except for DNAME.
/// </summary>
public sealed partial class AuthoritativeStep : IQueryStep
{
    private readonly ZoneSet _zones;

    public AuthoritativeStep(ZoneSet zones) => _zones = zones;

    public ValueTask InvokeAsync(QueryContext ctx, QueryDelegate next)
    {
        if (ctx.Target != QueryTarget.Zone)
        {
            ctx.Trace?.Step(TraceStep.Authoritative, TraceDecision.Skipped, "the name is not routed to a served zone");
            return next(ctx);
        }

        Answer(ctx, ctx.Zone!);
        return default;
    }

    private void Answer(QueryContext ctx, ZoneSnapshot zone)
    {
        ctx.AuthoritativeAnswer = true;
        ctx.Rcode = DnsRcode.NoError;
        RecordType qtype = ctx.QuestionType;
        DnsName name = ctx.QuestionName;
        Span<DnsName> visited = ctx.ChainScratch;
        visited[0] = name;
        int count = 1;
        while (true)
        {
            LookupOutcome outcome = zone.Find(name, qtype, out ZoneNode? match, out _);
            ctx.Trace?.Lookup(zone, name, outcome, match);
            switch (outcome)
            {
                case LookupOutcome.Hit:
                    AddHit(ctx, zone, match!, name, qtype);
                    return;
                case LookupOutcome.NoData:
                    ctx.Authority.Add(new SectionEntry(zone.Origin, zone.NegativeSoa));
                    return;
                case LookupOutcome.NxDomain:
                    // RFC 6604 §3: after a CNAME chain the RCODE describes the last name.
                    ctx.Rcode = DnsRcode.NxDomain;
                    ctx.Authority.Add(new SectionEntry(zone.Origin, zone.NegativeSoa));
                    return;
                case LookupOutcome.Referral:
                    if (count == 1)
                    {
                        AddReferral(ctx, zone, match!);
                    }

                    // A chain that leads into a delegated child stops with what it has (AA kept).
                    return;
                case LookupOutcome.Cname:
                    Rrset cname = match!.Cname!;
                    ctx.Answer.Add(new SectionEntry(name, cname));
                    name = ((CnameRdata)cname[0].Data).Target;
                    break;
                case LookupOutcome.Dname:
                    if (!TrySynthesizeDname(ctx, match!, ref name))
                    {
                        return;
                    }

                    break;
            }

            if (count == visited.Length || Seen(visited[..count], name))
            {
                // RFC 1034 §3.6.2: a loop or an over-long chain ends the chase; what was found is returned.
                return;
            }

            visited[count++] = name;

            if (!name.IsSubdomainOf(zone.Origin) && !_zones.TryFindZone(name, out zone))
            {
                // The target is not served here: the client follows it itself (RFC 1034 §4.3.2 step 3.a).
                return;
            }
        }
    }

    private static bool Seen(ReadOnlySpan<DnsName> names, DnsName name)
    {
        foreach (DnsName n in names)
        {
            if (n.Equals(name))
            {
                return true;
            }
        }

        return false;
    }

    private void AddHit(QueryContext ctx, ZoneSnapshot zone, ZoneNode match, DnsName owner, RecordType qtype)
    {
        Rrset set;
        if (qtype == RecordType.ANY)
        {
            // RFC 8482 §4.2: answer ANY with one RRset of the node, not all of them.
            set = match.Rrsets[0];
        }
        else
        {
            match.TryGetRrset(qtype, out set);
        }

        ctx.Answer.Add(new SectionEntry(owner, set));
        AddAddresses(ctx, zone, set, allowGlue: set.Type == RecordType.NS);
    }

    /// <summary>RFC 1034 §4.3.2 step 4: NS of the cut in authority, no AA, glue in additional.</summary>
    private void AddReferral(QueryContext ctx, ZoneSnapshot zone, ZoneNode cut)
    {
        ctx.AuthoritativeAnswer = false;
        Rrset ns = cut.GetRrset(RecordType.NS)!;
        ctx.Authority.Add(new SectionEntry(cut.Name, ns));
        AddAddresses(ctx, zone, ns, allowGlue: true);
    }

    /// <summary>RFC 1034 §4.3.2 step 6: A and AAAA of NS, MX and SRV targets that are served here.</summary>
    private void AddAddresses(QueryContext ctx, ZoneSnapshot zone, Rrset set, bool allowGlue)
    {
        foreach (DnsName target in set.AdditionalTargets)
        {
            ZoneSnapshot targetZone = zone;
            if (!target.IsSubdomainOf(zone.Origin) && !_zones.TryFindZone(target, out targetZone))
            {
                continue;
            }

            if (!targetZone.TryGetNode(target, out ZoneNode node) || (node.IsOccluded && !allowGlue))
            {
                continue;
            }

            AddAdditional(ctx, node, RecordType.A);
            AddAdditional(ctx, node, RecordType.AAAA);
        }
    }

    private static void AddAdditional(QueryContext ctx, ZoneNode node, RecordType type)
    {
        if (!node.TryGetRrset(type, out Rrset set))
        {
            return;
        }

        foreach (SectionEntry e in ctx.Additional)
        {
            if (ReferenceEquals(e.Rrset, set))
            {
                return;
            }
        }

        ctx.Additional.Add(new SectionEntry(node.Name, set));
    }
}
