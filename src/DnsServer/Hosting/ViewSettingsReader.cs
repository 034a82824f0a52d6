using System.Net;
using Microsoft.Extensions.Configuration;
using SplitDns.Forwarders;
using SplitDns.Forwarders.Upstreams;
using SplitDns.Protocol.Names;
using SplitDns.Server.Networking;

namespace SplitDns.Server.Hosting;

/// <summary>
/// Reads SplitDns:Views, an ordered list (first match wins). Each view: Name, Networks (CIDRs),
/// Listen (DNS endpoints, added to SplitDns:Listen:Dns when missing unless they are SplitDns:Listen:Dot ones), Zones (the view's own zone
/// files, same shape as SplitDns:Zones), SharedZones (which shared zones it sees: all by
/// default, a list of origins, or "" for none), Recursion (true by default) and Forwarders
/// (Upstream, Strategy, Conditional: each inherited from SplitDns:Forwarders unless given) and
/// Blocking (off unless given; see <see cref="BlockingSettingsReader.ReadView"/>).
/// A view with neither Networks nor Listen is the catch-all and must come last; without one an
/// implicit catch-all "default" view (every shared zone, the global forwarders) ends the list.
/// </summary>
internal static class ViewSettingsReader
{
    public static List<ViewSettings> Read(IConfigurationSection section, DnsName domain, string zoneDir, ForwardersOptions forwarders,
        BlockingSettings blocking, List<ZoneSettings> zones, List<IPEndPoint> dnsEndpoints, IReadOnlyList<IPEndPoint> dotEndpoints,
        List<string> errors)
    {
        var views = new List<ViewSettings>();
        var shared = new HashSet<DnsName>(zones.Select(z => z.Origin));
        foreach (IConfigurationSection v in section.GetChildren())
        {
            if (ReadView(v, domain, zoneDir, forwarders, blocking, shared, zones, dnsEndpoints, dotEndpoints, views, errors) is { } view)
            {
                views.Add(view);
            }
        }

        for (int i = 0; i < views.Count - 1; i++)
        {
            if (views[i].IsCatchAll)
            {
                errors.Add($"{views[i].ConfigKey}: view '{views[i].Name}' has no Networks or Listen, so it matches every client; "
                    + "it must be the last view (the views after it could never match)");
            }
        }

        if (views.Count == 0 || !views[^1].IsCatchAll)
        {
            if (views.Any(v => v.Name == ViewSettings.DefaultName))
            {
                errors.Add($"{section.Path}: a view named '{ViewSettings.DefaultName}' must be the catch-all (no Networks or Listen) and come last");
            }

            views.Add(ViewSettings.Default(forwarders));
        }

        return views;
    }

    private static ViewSettings? ReadView(IConfigurationSection v, DnsName domain, string zoneDir, ForwardersOptions forwarders, BlockingSettings blocking,
        HashSet<DnsName> shared, List<ZoneSettings> zones, List<IPEndPoint> dnsEndpoints, IReadOnlyList<IPEndPoint> dotEndpoints,
        List<ViewSettings> earlier, List<string> errors)
    {
        string name = (v["Name"] ?? "").Trim().ToLowerInvariant();
        if (!IsValidName(name))
        {
            errors.Add($"{v.Path}:Name: '{v["Name"]}' is not a view name (letters, digits, '-' and '_', up to 32)");
            return null;
        }

        if (earlier.Any(e => e.Name == name))
        {
            errors.Add($"{v.Path}:Name: view '{name}' is configured twice");
            return null;
        }

        List<IPEndPoint> listen = ServerSettingsReader.ReadEndpoints(v.GetSection("Listen"), "", errors);
        foreach (IPEndPoint ep in listen)
        {
            // A DoT endpoint (SplitDns:Listen:Dot) is matched as that listener, not added as plain DNS.
            if (!dnsEndpoints.Contains(ep) && !dotEndpoints.Contains(ep))
            {
                dnsEndpoints.Add(ep);
            }
        }

        zones.AddRange(ServerSettingsReader.ReadZones(v.GetSection("Zones"), domain, zoneDir, errors, name));
        IConfigurationSection f = v.GetSection("Forwarders");
        var conditional = new List<ConditionalForwarderOptions>(forwarders.Conditional);
        ForwarderSettingsReader.ApplyConditional(f.GetSection("Conditional"), domain, conditional, errors);
        return new ViewSettings
        {
            Name = name,
            ConfigKey = v.Path,
            Networks = ForwarderSettingsReader.ReadNetworks(v.GetSection("Networks"), errors),
            Listen = listen,
            SharedZones = ReadSharedZones(v.GetSection("SharedZones"), shared, errors),
            Recursion = ServerSettingsReader.ReadBool(v, "Recursion", true, errors),
            Upstream = IsSet(f.GetSection("Upstream")) ? ForwarderSettingsReader.ReadUpstream(f.GetSection("Upstream"), errors) : forwarders.Upstream,
            Strategy = ForwarderSettingsReader.ReadStrategy(f, forwarders.Strategy, errors),
            Conditional = conditional,
            Blocking = BlockingSettingsReader.ReadView(v.GetSection("Blocking"), blocking, errors),
        };
    }

    /// <summary>Absent: every shared zone; "" : none; else the listed origins, each of which must be a shared zone.</summary>
    private static HashSet<DnsName>? ReadSharedZones(IConfigurationSection s, HashSet<DnsName> shared, List<string> errors)
    {
        if (!IsSet(s))
        {
            return null;
        }

        var origins = new HashSet<DnsName>();
        foreach ((string key, string text) in ForwarderSettingsReader.Items(s))
        {
            if (text == "*")
            {
                return null;
            }

            string absolute = text.EndsWith('.') ? text : text + ".";
            if (!DnsName.TryParse(absolute, null, out DnsName origin, out _))
            {
                errors.Add($"{key}: '{text}' is not a zone name");
            }
            else if (!shared.Contains(origin))
            {
                errors.Add($"{key}: '{text}' is not one of SplitDns:Zones ({string.Join(", ", shared)})");
            }
            else
            {
                origins.Add(origin);
            }
        }

        return origins;
    }

    /// <summary>True when the key is present, as a value (also an empty one) or with children.</summary>
    private static bool IsSet(IConfigurationSection s) => s.Value is not null || s.GetChildren().Any();

    private static bool IsValidName(string name) =>
        name.Length is > 0 and <= 32 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
