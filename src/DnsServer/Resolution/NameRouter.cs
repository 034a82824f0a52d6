using SplitDns.Forwarders;
using SplitDns.Forwarders.Conditional;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.Server.Resolution;

/// <summary>
/// Decides, once per query, who answers its name in one view: a served zone, a conditional
/// forwarder or the upstream forwarders. The longer match (label count) between the deepest
/// served zone and the deepest conditional forwarder zone wins, so lan.example.com is forwarded
/// though example.com is served; on a tie the forwarder wins, but records the zone holds for the
/// name itself answer first. Names under neither go upstream when the view has upstreams.
/// Class IN only forwards; class ANY only looks at zones; other classes route nowhere (CH is the
/// chaos step's). One walk over the name's suffixes serves both lookups (<see cref="FindDeepest"/>).
/// Allocates nothing. The forwarder set can be replaced at run time (the HTTP
/// API's upstreams and conditional forwarders): each query reads the current one once, without a
/// lock (STYLE rule 6).
/// </summary>
public sealed class NameRouter
{
    private readonly ZoneSet _zones;
    private ForwarderSet _forwarders;

    public NameRouter(ZoneSet zones, ForwarderSet forwarders)
    {
        _zones = zones;
        _forwarders = forwarders;
    }

    /// <summary>Where this view forwards now.</summary>
    public ForwarderSet Forwarders => Volatile.Read(ref _forwarders);

    /// <summary>Swaps in a new forwarder set; queries routed from now on use it.</summary>
    public void ReplaceForwarders(ForwarderSet forwarders)
    {
        ArgumentNullException.ThrowIfNull(forwarders);
        Volatile.Write(ref _forwarders, forwarders);
    }

    public void Route(QueryContext ctx)
    {
        ForwarderSet forwarders = Volatile.Read(ref _forwarders);
        ctx.Target = QueryTarget.None;
        ctx.Zone = null;
        ctx.ForwardGroup = null;
        bool classIn = ctx.QuestionClass == DnsClass.IN;
        DnsNameTable<ForwarderZone> conditionalZones = classIn ? forwarders.Conditional.Table : DnsNameTable<ForwarderZone>.Empty;
        FindDeepest(ctx.QuestionName, _zones.Origins, conditionalZones, out ZoneSetEntry? served, out ForwarderZone? forwarder,
            out int forwarderLabels, out int zoneLabels);
        ZoneSnapshot? zone = served?.Snapshot;
        if (!classIn)
        {
            if (zone is not null && ctx.QuestionClass == DnsClass.Any)
            {
                SetZone(ctx, zone);
            }

            return;
        }

        bool conditional = forwarder is not null;
        if (zone is not null && (!conditional || zoneLabels > forwarderLabels || HasLocalData(zone, ctx)))
        {
            SetZone(ctx, zone);
        }
        else if (conditional)
        {
            ctx.Target = QueryTarget.Conditional;
            ctx.ForwardGroup = forwarder!.Upstreams;
        }
        else if (zone is null && forwarders.Upstream is { } upstream)
        {
            ctx.Target = QueryTarget.Upstream;
            ctx.ForwardGroup = upstream;
        }
    }

    /// <summary>
    /// One walk over the name's suffixes, deepest first, finding the deepest served zone and the
    /// deepest conditional forwarder zone that contain it; each suffix is hashed once for both.
    /// The forwarder search stops at its first hit; the zone search goes on to the root, since a
    /// shallower zone's own records for the name still answer first (<see cref="HasLocalData"/>).
    /// </summary>
    private static void FindDeepest(DnsName name, DnsNameTable<ZoneSetEntry> zones, DnsNameTable<ForwarderZone> conditional,
        out ZoneSetEntry? zone, out ForwarderZone? forwarder, out int forwarderLabels, out int zoneLabels)
    {
        zone = null;
        zoneLabels = -1;
        forwarder = null;
        forwarderLabels = -1;
        bool wantZone = zones.Count > 0;
        bool wantForwarder = conditional.Count > 0;
        if (!wantZone && !wantForwarder)
        {
            return;
        }

        var walk = new DnsNameSuffixWalk(name);
        do
        {
            if (wantForwarder && conditional.TryGetValue(walk, out forwarder))
            {
                forwarderLabels = walk.LabelCount;
                wantForwarder = false;
            }

            if (wantZone && zones.TryGetValue(walk, out zone))
            {
                zoneLabels = walk.LabelCount;
                // Any forwarder zone not yet found is shallower than this zone: the zone wins over it.
                return;
            }
        }
        while ((wantZone || wantForwarder) && walk.MoveNext());
    }

    private static void SetZone(QueryContext ctx, ZoneSnapshot zone)
    {
        ctx.Target = QueryTarget.Zone;
        ctx.Zone = zone;
    }

    /// <summary>
    /// Local records of a forwarded name answer first; absent names and types fall through
    /// (never an empty NOERROR). Only records owned by the name itself count: a parent zone's
    /// wildcard (RFC 4592) must not swallow the forwarded zone.
    /// </summary>
    private static bool HasLocalData(ZoneSnapshot zone, QueryContext ctx) =>
        zone.Find(ctx.QuestionName, ctx.QuestionType, out ZoneNode? match, out _) is LookupOutcome.Hit or LookupOutcome.Cname
        && match is not null && match.Name.Equals(ctx.QuestionName);
}
