using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using SplitDns.Forwarders;
using SplitDns.Forwarders.Upstreams;
using SplitDns.Protocol.Names;
using SplitDns.Server.Networking;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Hosting;

/// <summary>
/// Reads SplitDns:Forwarders and SplitDns:RecursionAcl. Servers come in the short form
/// ("1.1.1.1", "tls://1.1.1.1#cloudflare-dns.com", "https://dns.example/dns-query") or the
/// structured one ({ "Address", "Port", "Transport", "TlsName", "Url", "Method" }); lists are a
/// JSON array or one comma-separated string. Every error names its key.
/// </summary>
internal static class ForwarderSettingsReader
{
    public static ForwardersOptions Read(IConfigurationSection f, DnsName domain, string pathBase, List<string> errors)
    {
        var options = new ForwardersOptions
        {
            Strategy = ReadStrategy(f, errors),
            TryTimeout = TimeSpan.FromMilliseconds(ServerSettingsReader.ReadInt(f, "TryTimeoutMs", 1000, 50, 30_000, errors)),
            Deadline = TimeSpan.FromMilliseconds(ServerSettingsReader.ReadInt(f, "DeadlineMs", 3000, 100, 60_000, errors)),
            IdleTimeout = TimeSpan.FromSeconds(ServerSettingsReader.ReadInt(f, "IdleTimeoutSeconds", 30, 1, 3600, errors)),
            MaxInFlight = ServerSettingsReader.ReadInt(f, "MaxInFlight", 1000, 1, 1_000_000, errors),
            TrustedRoots = ReadTrust(f, pathBase, errors),
            Cookies = ServerSettingsReader.ReadBool(f, "Cookies", true, errors),
        };
        ReadUdpPool(f.GetSection("UdpPool"), options.UdpPool, errors);
        options.Upstream.AddRange(ReadServers(f.GetSection("Upstream"), errors));
        ApplyConditional(f.GetSection("Conditional"), domain, options.Conditional, errors);
        ReadHealth(f.GetSection("Health"), options.Health, errors);
        ReadCache(f.GetSection("Cache"), options, errors);
        if (options.Deadline < options.TryTimeout)
        {
            errors.Add($"{f.Path}:DeadlineMs: must not be shorter than TryTimeoutMs");
        }

        return options;
    }

    /// <summary>
    /// Applies a "Conditional" section to <paramref name="conditional"/>: each key is a zone
    /// ("lan" is below the domain, a dotted name is absolute) and its value the servers; an empty
    /// value removes the zone (so a --config file can switch off the default "lan" forwarder).
    /// A key given again replaces the zone's servers (a view overriding the global ones).
    /// </summary>
    public static void ApplyConditional(IConfigurationSection section, DnsName domain, List<ConditionalForwarderOptions> conditional,
        List<string> errors)
    {
        var seen = new HashSet<DnsName>();
        foreach (IConfigurationSection zone in section.GetChildren())
        {
            if (!TryReadZone(zone.Key, domain, out DnsName name))
            {
                errors.Add($"{zone.Path}: '{zone.Key}' is not a domain name");
                continue;
            }

            if (!seen.Add(name))
            {
                errors.Add($"{zone.Path}: zone {name} is configured twice");
                continue;
            }

            conditional.RemoveAll(c => c.Zone.Equals(name));
            if (zone.Value is { } value && string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            List<UpstreamEndpoint> servers = ReadServers(zone, errors);
            if (servers.Count == 0)
            {
                errors.Add($"{zone.Path}: a conditional forwarder needs at least one server (an empty value removes it)");
                continue;
            }

            conditional.Add(new ConditionalForwarderOptions { Zone = name, Servers = servers });
        }
    }

    /// <summary>Reads an upstream server list (the short or the structured form).</summary>
    public static List<UpstreamEndpoint> ReadUpstream(IConfigurationSection section, List<string> errors) => ReadServers(section, errors);

    /// <summary>Reads a Strategy key: ordered (default), parallel or fastest.</summary>
    public static UpstreamStrategy ReadStrategy(IConfigurationSection f, UpstreamStrategy fallback, List<string> errors) =>
        string.IsNullOrWhiteSpace(f["Strategy"]) ? fallback : ReadStrategy(f, errors);

    public static RecursionAcl ReadAcl(IConfigurationSection section, List<string> errors) =>
        Items(section).Count == 0 ? RecursionAcl.Default : new RecursionAcl(ReadNetworks(section, errors).Networks);

    /// <summary>
    /// A list of networks: CIDRs or single addresses (/32, /128), a JSON array or one string
    /// separated by commas or spaces. Each bad item is an error naming its key.
    /// </summary>
    public static NetworkList ReadNetworks(IConfigurationSection section, List<string> errors)
    {
        var networks = new List<IPNetwork>();
        foreach ((string key, string text) in Items(section))
        {
            string cidr = text.Contains('/', StringComparison.Ordinal) ? text
                : text + (text.Contains(':', StringComparison.Ordinal) ? "/128" : "/32");
            if (IPNetwork.TryParse(cidr, out IPNetwork network))
            {
                networks.Add(network);
            }
            else
            {
                errors.Add($"{key}: '{text}' is not an address or network (expected CIDR such as 192.168.0.0/16)");
            }
        }

        return new NetworkList(networks);
    }

    /// <summary>"lan" is below SplitDns:Domain; a name with a dot ("lan.example.com") is taken as absolute.</summary>
    private static bool TryReadZone(string text, DnsName domain, out DnsName name)
    {
        DnsName? origin = text.Contains('.', StringComparison.Ordinal) ? DnsName.Root : domain;
        return DnsName.TryParse(text.TrimEnd('.') is { Length: > 0 } t ? t : ".", origin, out name, out _);
    }

    private static List<UpstreamEndpoint> ReadServers(IConfigurationSection section, List<string> errors)
    {
        var servers = new List<UpstreamEndpoint>();
        List<IConfigurationSection> children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            foreach ((string key, string text) in Items(section))
            {
                AddParsed(servers, key, text, errors);
            }

            return servers;
        }

        foreach (IConfigurationSection child in children)
        {
            if (child.Value is { } text)
            {
                AddParsed(servers, child.Path, text, errors);
            }
            else if (TryReadStructured(child, out UpstreamEndpoint? e, errors))
            {
                servers.Add(e!);
            }
        }

        return servers;
    }

    private static void AddParsed(List<UpstreamEndpoint> servers, string key, string text, List<string> errors)
    {
        if (UpstreamEndpoint.TryParse(text, out UpstreamEndpoint? e, out string? error))
        {
            servers.Add(e!);
        }
        else
        {
            errors.Add($"{key}: {error}");
        }
    }

    private static bool TryReadStructured(IConfigurationSection s, out UpstreamEndpoint? endpoint, List<string> errors)
    {
        endpoint = null;
        string transport = (s["Transport"] ?? (s["Url"] is null ? "udp" : "https")).ToLowerInvariant();
        IPAddress? address = null;
        if (s["Address"] is { } a && !IPAddress.TryParse(a, out address))
        {
            errors.Add($"{s.Path}:Address: '{a}' is not an IP address");
            return false;
        }

        string? error;
        if (transport == "https")
        {
            if (!UpstreamEndpoint.TryParseHttps(s["Url"] ?? string.Empty, address, out endpoint, out error))
            {
                errors.Add($"{s.Path}:Url: {error}");
                return false;
            }

            endpoint = endpoint! with { UseGet = string.Equals(s["Method"], "GET", StringComparison.OrdinalIgnoreCase) };
            return true;
        }

        if (address is null)
        {
            errors.Add($"{s.Path}:Address: required");
            return false;
        }

        string text = $"{transport}://{(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address)}"
            + (s["Port"] is { } port ? ":" + port : string.Empty) + (s["TlsName"] is { } name ? "#" + name : string.Empty);
        if (!UpstreamEndpoint.TryParse(text, out endpoint, out error))
        {
            errors.Add($"{s.Path}: {error}");
            return false;
        }

        return true;
    }

    private static UpstreamStrategy ReadStrategy(IConfigurationSection f, List<string> errors)
    {
        string? text = f["Strategy"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return UpstreamStrategy.Ordered;
        }

        if (Enum.TryParse(text, ignoreCase: true, out UpstreamStrategy strategy) && Enum.IsDefined(strategy) && !char.IsDigit(text[0]))
        {
            return strategy;
        }

        errors.Add($"{f.Path}:Strategy: '{text}' is not ordered, parallel or fastest");
        return UpstreamStrategy.Ordered;
    }

    private static void ReadHealth(IConfigurationSection h, UpstreamHealthOptions health, List<string> errors)
    {
        health.FailuresBeforeDown = ServerSettingsReader.ReadInt(h, "FailuresBeforeDown", 3, 1, 100, errors);
        health.ProbeInterval = TimeSpan.FromMilliseconds(ServerSettingsReader.ReadInt(h, "ProbeIntervalMs", 1000, 50, 600_000, errors));
        health.MaxProbeInterval = TimeSpan.FromMilliseconds(ServerSettingsReader.ReadInt(h, "MaxProbeIntervalMs", 60_000, 50, 3_600_000, errors));
        health.ExploreEvery = ServerSettingsReader.ReadInt(h, "ExploreEvery", 20, 2, 10_000, errors);
    }

    private static void ReadCache(IConfigurationSection c, ForwardersOptions options, List<string> errors)
    {
        var cache = options.Cache;
        cache.Enabled = ServerSettingsReader.ReadBool(c, "Enabled", true, errors);
        cache.MaxEntries = ServerSettingsReader.ReadInt(c, "MaxEntries", 100_000, 1, 100_000_000, errors);
        cache.MaxBytes = ServerSettingsReader.ReadInt(c, "MaxSizeMb", 64, 1, 65_536, errors) * 1024L * 1024;
        cache.MinTtl = (uint)ServerSettingsReader.ReadInt(c, "MinTtl", 0, 0, 86_400, errors);
        cache.MaxTtl = (uint)ServerSettingsReader.ReadInt(c, "MaxTtl", 86_400, 0, 604_800, errors);
        cache.MaxNegativeTtl = (uint)ServerSettingsReader.ReadInt(c, "MaxNegativeTtl", 3_600, 0, 86_400, errors);
        cache.ServeStale = ServerSettingsReader.ReadBool(c, "ServeStale", true, errors);
        cache.StaleTtl = (uint)ServerSettingsReader.ReadInt(c, "StaleTtl", 30, 1, 3_600, errors);
        cache.MaxStaleAge = TimeSpan.FromSeconds(ServerSettingsReader.ReadInt(c, "MaxStaleSeconds", 86_400, 0, 604_800, errors));
        cache.PrefetchPercent = ServerSettingsReader.ReadInt(c, "PrefetchPercent", 10, 0, 50, errors);
        cache.PrefetchMinHits = ServerSettingsReader.ReadInt(c, "PrefetchMinHits", 3, 1, 1_000_000, errors);
        cache.StaleClientTimeout = TimeSpan.FromMilliseconds(ServerSettingsReader.ReadInt(c, "StaleClientTimeoutMs", 1800, 0, 60_000, errors));
        if (cache.MinTtl > cache.MaxTtl)
        {
            errors.Add($"{c.Path}:MinTtl: larger than MaxTtl");
        }
    }

    /// <summary>SplitDns:Forwarders:UdpPool: the pre-bound random-port sockets per UDP upstream.</summary>
    private static void ReadUdpPool(IConfigurationSection p, UdpSocketPoolOptions pool, List<string> errors)
    {
        pool.Size = ServerSettingsReader.ReadInt(p, "Size", 64, 1, 1024, errors);
        pool.MaxQueriesPerSocket = ServerSettingsReader.ReadInt(p, "MaxQueriesPerSocket", 500, 1, 1_000_000, errors);
        pool.MaxSocketAge = TimeSpan.FromSeconds(ServerSettingsReader.ReadInt(p, "MaxSocketAgeSeconds", 120, 1, 86_400, errors));
    }

    private static X509Certificate2Collection? ReadTrust(IConfigurationSection f, string pathBase, List<string> errors)
    {
        string? file = f["TrustedCaFile"];
        if (string.IsNullOrWhiteSpace(file))
        {
            return null;
        }

        string path = ServerConfiguration.ResolvePath(file, pathBase);
        try
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(path);
            return roots;
        }
        catch (Exception ex) when (ex is IOException or CryptographicException or UnauthorizedAccessException)
        {
            errors.Add($"{f.Path}:TrustedCaFile: {path}: {ex.Message}");
            return null;
        }
    }

    internal static List<(string Key, string Text)> Items(IConfigurationSection section)
    {
        var items = new List<(string, string)>();
        List<IConfigurationSection> children = section.GetChildren().ToList();
        if (children.Count > 0)
        {
            foreach (IConfigurationSection child in children)
            {
                if (!string.IsNullOrWhiteSpace(child.Value))
                {
                    items.Add((child.Path, child.Value.Trim()));
                }
            }

            return items;
        }

        foreach (string part in (section.Value ?? string.Empty).Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            items.Add((section.Path, part));
        }

        return items;
    }
}
