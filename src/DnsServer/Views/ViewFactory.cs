using SplitDns.Blocking;
using SplitDns.Forwarders;
using SplitDns.Server.Blocking;
using SplitDns.Server.Metrics;
using SplitDns.Server.Hosting;
using SplitDns.Server.Resolution;
using SplitDns.Server.Resolution.Steps;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.Server.Views;

/// <summary>
/// Builds the views from the settings at start-up: per view its zone set, its forwarder set (groups
/// shared between views that name the same servers), its blocking (masks over the one shared
/// blocklist index), its listener mask and its chain, from step
/// instances made for that view and ordered by <see cref="QueryStepOrder"/> (no service locator).
/// </summary>
public static class ViewFactory
{
    public static ViewTable Create(ServerSettings settings, ZoneCatalog catalog, ForwardingResolver resolver, ChaosStep chaos,
        BlocklistCatalog blocklists, DnsServerMetrics metrics, TimeProvider time)
    {
        string[] listNames = [.. settings.Blocking.Options.Lists.Select(l => l.Name)];
        IReadOnlyList<ViewSettings> configured = settings.Views.Count > 0 ? settings.Views : [ViewSettings.Default(settings.Forwarders)];
        var views = new List<DnsView>(configured.Count);
        for (int i = 0; i < configured.Count; i++)
        {
            ViewSettings v = configured[i];
            var zones = new ZoneSet(catalog, v.Name, v.SharedZones);
            ForwarderSet forwarders = resolver.CreateSet(v.Upstream, v.Strategy, v.Conditional);
            ViewBlocking? blocking = v.Blocking.Enabled && !forwarders.IsEmpty
                ? new ViewBlocking(v.Name, v.Blocking, blocklists, listNames, time)
                : null;
            var view = new DnsView(v, i, zones, forwarders, ListenerMask(settings, v)) { Blocking = blocking };
            var steps = new ViewSteps(
                chaos,
                blocking is null ? null : new BlockingStep(blocking, blocklists, metrics),
                // A view that may recurse forwards whatever it is given later (the HTTP API adds
                // upstreams and conditional forwarders at run time), so it always has the step.
                v.Recursion || !forwarders.IsEmpty ? new ForwardStep(resolver) : null,
                new AuthoritativeStep(zones));
            view.Chain = new QueryChain(QueryStepOrder.For(steps));
            views.Add(view);
        }

        return new ViewTable(views);
    }

    private static ulong ListenerMask(ServerSettings settings, ViewSettings view)
    {
        ulong mask = 0;
        foreach (System.Net.IPEndPoint ep in view.Listen)
        {
            int index = Listeners.ListenerIndex.Configured(settings.DnsEndpoints, settings.Tls.DotEndpoints, ep);
            if (index is >= 0 and < 64)
            {
                mask |= 1UL << index;
            }
        }

        return mask;
    }
}
