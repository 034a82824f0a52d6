using System.Globalization;
using SplitDns.Forwarders.Conditional;
using SplitDns.Forwarders.Upstreams;
using SplitDns.Server.Resolution;
using SplitDns.Server.Views;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.Server.Api.Explain;

/// <summary>
/// Puts the view's routing decision (<see cref="NameRouter"/>, already made on the context) into
/// words: which served zone and which conditional forwarder zone contain the name, and why the
/// longer match (by labels) won, or why the forwarder won a tie.
/// </summary>
public static class RouteExplanation
{
    public static ExplainRoute For(DnsView view, QueryContext ctx)
    {
        ZoneSetEntry? zone = view.Zones.TryFind(ctx.QuestionName, out ZoneSetEntry? z) ? z : null;
        ForwarderZone? forwarder = view.Forwarders.Conditional.TryMatch(ctx.QuestionName, out ForwarderZone? f, out _) ? f : null;
        string? zoneName = zone?.Snapshot.Origin.ToString();
        string? zoneView = zone is null ? null : zone.Key.IsShared ? "" : zone.Key.View;
        string zoneText = zone is null ? "" : "zone " + zoneName + (zone.Key.IsShared ? "" : " (view " + zone.Key.View + "'s own instance)")
            + " (" + Labels(zone.Snapshot.Origin.LabelCount) + ")";
        string forwarderText = forwarder is null ? "" : "conditional forwarder " + forwarder.Zone + " (" + Labels(forwarder.Zone.LabelCount) + ")";
        switch (ctx.Target)
        {
            case QueryTarget.Zone:
                string why = forwarder is null
                    ? "the deepest zone of view " + view.Name + " containing the name is " + zoneText
                    : zone!.Snapshot.Origin.LabelCount > forwarder.Zone.LabelCount
                        ? "the longer match wins: " + zoneText + " is deeper than " + forwarderText
                        : "a tie between " + zoneText + " and " + forwarderText + " goes to the forwarder, but records the zone holds for the name itself answer first";
                return new ExplainRoute("authoritative", why, zoneName, zoneView, null, null);
            case QueryTarget.Conditional:
                string because = zone is null
                    ? "the name is under " + forwarderText + " of view " + view.Name
                    : forwarder!.Zone.LabelCount > zone.Snapshot.Origin.LabelCount
                        ? "the longer match wins: " + forwarderText + " is deeper than " + zoneText
                        : "a tie between " + zoneText + " and " + forwarderText + " goes to the forwarder (the zone has no records of this name and type)";
                return new ExplainRoute("conditional_forwarder", because, zoneName, zoneView, forwarder!.Zone.ToString(), Upstreams(ctx.ForwardGroup));
            case QueryTarget.Upstream:
                return new ExplainRoute("upstream", "no zone or conditional forwarder of view " + view.Name + " contains the name: the view's upstream forwarders",
                    null, null, null, Upstreams(ctx.ForwardGroup));
            default:
                return new ExplainRoute("none", "no zone or conditional forwarder of view " + view.Name + " contains the name and the view has no upstream forwarders",
                    null, null, null, null);
        }
    }

    private static string Labels(int count) => count.ToString(CultureInfo.InvariantCulture) + (count == 1 ? " label" : " labels");

    private static List<string>? Upstreams(UpstreamGroup? group)
    {
        if (group is null)
        {
            return null;
        }

        var labels = new List<string>(group.Servers.Count);
        foreach (UpstreamServer s in group.Servers)
        {
            labels.Add(s.Label);
        }

        return labels;
    }
}
