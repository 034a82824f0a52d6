using SplitDns.Forwarders;
using SplitDns.Forwarders.Upstreams;
using SplitDns.Protocol.Names;
using SplitDns.Server.Hosting;

namespace SplitDns.Server.Views;

/// <summary>
/// Where each view forwards, with what the HTTP API changed at run time on top of the
/// configuration: a replacement for the global upstream list (SplitDns:Forwarders:Upstream; views
/// with their own Upstream keep it) and conditional forwarder zones, each for every view that may
/// recurse or for one view. Every change builds each view's new <see cref="ForwarderSet"/> and
/// swaps it into its <see cref="Resolution.NameRouter"/> (copy-on-write; queries never lock).
/// </summary>
public sealed class ForwarderRouting
{
    private readonly ViewTable _views;
    private readonly ForwardingResolver _resolver;
    private readonly ForwardersOptions _global;
    private readonly Lock _lock = new();
    private readonly Dictionary<(string View, DnsName Zone), IReadOnlyList<UpstreamEndpoint>> _zones = [];
    private IReadOnlyList<UpstreamEndpoint>? _upstream;

    public ForwarderRouting(ViewTable views, ForwardingResolver resolver, Microsoft.Extensions.Options.IOptions<ServerSettings> settings)
    {
        _views = views;
        _resolver = resolver;
        _global = settings.Value.Forwarders;
    }

    /// <summary>The global upstream servers in use: the API's replacement, else the configuration's.</summary>
    public IReadOnlyList<UpstreamEndpoint> Upstream
    {
        get
        {
            lock (_lock)
            {
                return _upstream ?? _global.Upstream;
            }
        }
    }

    /// <summary>The configuration's conditional forwarder zones: (view or "" for the global ones, zone, servers).</summary>
    public IReadOnlyList<(string View, DnsName Zone, IReadOnlyList<UpstreamEndpoint> Servers)> ConfiguredZones()
    {
        var list = new List<(string, DnsName, IReadOnlyList<UpstreamEndpoint>)>();
        var global = new HashSet<DnsName>();
        foreach (ConditionalForwarderOptions c in _global.Conditional)
        {
            global.Add(c.Zone);
            list.Add(("", c.Zone, c.Servers));
        }

        foreach (DnsView view in _views.Views)
        {
            foreach (ConditionalForwarderOptions c in view.Settings.Conditional)
            {
                if (!global.Contains(c.Zone) || !_global.Conditional.Any(g => g.Zone.Equals(c.Zone) && g.Servers.SequenceEqual(c.Servers)))
                {
                    list.Add((view.Name, c.Zone, c.Servers));
                }
            }
        }

        return list;
    }

    /// <summary>True when a view <paramref name="view"/> names (every view when "") forwards <paramref name="zone"/> by configuration.</summary>
    public bool IsConfigured(string view, DnsName zone)
    {
        foreach (DnsView v in Targets(view))
        {
            if (v.Settings.Conditional.Any(c => c.Zone.Equals(zone)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Replaces the global upstream list (null: back to the configuration's) and applies it at once.</summary>
    public void SetUpstream(IReadOnlyList<UpstreamEndpoint>? upstream)
    {
        lock (_lock)
        {
            _upstream = upstream;
            ApplyLocked();
        }
    }

    /// <summary>Adds or replaces a conditional forwarder zone for one view ("" = every view that may recurse).</summary>
    public void SetZone(string view, DnsName zone, IReadOnlyList<UpstreamEndpoint> servers)
    {
        lock (_lock)
        {
            _zones[(view, zone)] = servers;
            ApplyLocked();
        }
    }

    public bool RemoveZone(string view, DnsName zone)
    {
        lock (_lock)
        {
            bool removed = _zones.Remove((view, zone));
            if (removed)
            {
                ApplyLocked();
            }

            return removed;
        }
    }

    /// <summary>The views a runtime forwarder zone of <paramref name="view"/> goes to: the named one, or every view that may recurse.</summary>
    private IEnumerable<DnsView> Targets(string view) =>
        view.Length > 0 ? _views.Views.Where(v => v.Name == view) : _views.Views.Where(v => v.Settings.Recursion);

    private void ApplyLocked()
    {
        foreach (DnsView view in _views.Views)
        {
            ViewSettings v = view.Settings;
            IReadOnlyList<UpstreamEndpoint> upstream = ReferenceEquals(v.Upstream, _global.Upstream) ? _upstream ?? v.Upstream : v.Upstream;
            var conditional = new List<ConditionalForwarderOptions>(v.Conditional);
            foreach (((string zoneView, DnsName zone), IReadOnlyList<UpstreamEndpoint> servers) in _zones)
            {
                if ((zoneView.Length == 0 ? v.Recursion : zoneView == v.Name) && !conditional.Any(c => c.Zone.Equals(zone)))
                {
                    conditional.Add(new ConditionalForwarderOptions { Zone = zone, Servers = [.. servers] });
                }
            }

            view.Router.ReplaceForwarders(_resolver.CreateSet(upstream, v.Strategy, conditional));
        }
    }
}
