using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using SplitDns.Forwarders;
using SplitDns.Protocol.Names;

namespace SplitDns.Server.Hosting;

/// <summary>
/// Reads and validates the "SplitDns" configuration section. Every error names the full key and
/// the reason ("SplitDns:Tcp:MaxConnections: 'x' is not an integer in 1..100000"), so start-up
/// and <c>splitdns check</c> can report all of them at once.
/// </summary>
public static class ServerSettingsReader
{
    public const string SectionName = "SplitDns";

    /// <summary>Where the operations HTTP endpoints listen when <c>Listen:Http</c> is not set.</summary>
    public const string DefaultHttpEndpoints = "0.0.0.0:5380";

    /// <summary>
    /// Reads the settings; relative paths are resolved against <paramref name="pathBase"/>
    /// (<see cref="ServerConfiguration.PathBase"/>: the --config file's folder, else the working directory).
    /// </summary>
    public static ServerSettings Read(IConfiguration configuration, string pathBase, List<string> errors)
    {
        IConfigurationSection s = configuration.GetSection(SectionName);
        DnsName domain = ReadName(s, "Domain", "example.com.", errors);
        string zoneDir = ServerConfiguration.ResolvePath(s["ZoneDirectory"] ?? "zones", pathBase);
        List<ZoneSettings> zones = ReadZones(s.GetSection("Zones"), domain, zoneDir, errors);
        List<IPEndPoint> dns = ReadEndpoints(s.GetSection("Listen:Dns"), "0.0.0.0:53 [::]:53", errors);
        ForwardersOptions forwarders = ForwarderSettingsReader.Read(s.GetSection("Forwarders"), domain, pathBase, errors);
        BlockingSettings blocking = BlockingSettingsReader.Read(s.GetSection("Blocking"), pathBase, errors);
        Tls.TlsSettings tls = Tls.TlsSettingsReader.Read(s, pathBase, dns, errors);
        List<ViewSettings> views = ViewSettingsReader.Read(s.GetSection("Views"), domain, zoneDir, forwarders, blocking, zones, dns,
            tls.DotEndpoints, errors);
        return new ServerSettings
        {
            PathBase = pathBase,
            Domain = domain,
            DnsEndpoints = dns,
            HttpEndpoints = ReadEndpoints(s.GetSection("Listen:Http"), DefaultHttpEndpoints, errors),
            ZoneDirectory = zoneDir,
            Zones = zones,
            Views = views,
            Blocking = blocking,
            MaxUdpPayload = ReadInt(s, "Udp:MaxPayload", 1232, 512, 4096, errors),
            UdpReceiveLoops = ReadInt(s, "Udp:ReceiveLoops", 0, 0, 64, errors) is int loops and > 0 ? loops : Environment.ProcessorCount,
            UdpBatchSize = ReadInt(s, "Udp:BatchSize", 32, 1, 256, errors),
            TcpIdleTimeout = TimeSpan.FromSeconds(ReadInt(s, "Tcp:IdleTimeoutSeconds", 10, 1, 3600, errors)),
            TcpMaxConnections = ReadInt(s, "Tcp:MaxConnections", 1024, 1, 100_000, errors),
            TcpSendBufferBytes = ReadInt(s, "Tcp:SendBufferBytes", 0, 0, 16 * 1024 * 1024, errors),
            Limits = LimitsSettingsReader.Read(s.GetSection("Limits"), errors),
            Chaos = new ChaosSettings { Version = s["Chaos:Version"], Identity = s["Chaos:Identity"] },
            ShutdownTimeout = TimeSpan.FromSeconds(ReadInt(s, "ShutdownTimeoutSeconds", 5, 0, 300, errors)),
            WatchZoneFiles = ReadBool(s, "WatchZoneFiles", true, errors),
            Forwarders = forwarders,
            RecursionAcl = ForwarderSettingsReader.ReadAcl(s.GetSection("RecursionAcl"), errors),
            ClientAddress = ClientAddressSettingsReader.Read(s, errors),
            RateLimit = RateLimiting.RateLimitSettingsReader.Read(s, errors),
            Cookies = Cookies.CookieSettingsReader.Read(s, pathBase, errors),
            Tls = tls,
            Doh = Listeners.Doh.DohSettingsReader.Read(s, tls.HasCertificates, errors),
        };
    }

    internal static string Key(IConfigurationSection s, string key) => s.Path + ":" + key;

    internal static DnsName ReadName(IConfigurationSection s, string key, string fallback, List<string> errors)
    {
        string text = s[key] ?? fallback;
        if (!text.EndsWith('.'))
        {
            text += ".";
        }

        if (!DnsName.TryParse(text, null, out DnsName name, out string? error) || name.IsRoot)
        {
            errors.Add($"{Key(s, key)}: '{s[key]}' is not a domain name ({error ?? "the root cannot be served"})");
            return DnsName.Parse(fallback.EndsWith('.') ? fallback : fallback + ".");
        }

        return name;
    }

    internal static int ReadInt(IConfigurationSection s, string key, int fallback, int min, int max, List<string> errors)
    {
        string? text = s[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            errors.Add($"{Key(s, key)}: '{text}' is not an integer in {min}..{max}");
            return fallback;
        }

        return value;
    }

    internal static bool ReadBool(IConfigurationSection s, string key, bool fallback, List<string> errors)
    {
        string? text = s[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!bool.TryParse(text, out bool value))
        {
            errors.Add($"{Key(s, key)}: '{text}' is not true or false");
            return fallback;
        }

        return value;
    }

    /// <summary>
    /// A list of ADDRESS:PORT endpoints, either one string separated by commas/spaces (easy to
    /// override from the environment) or a JSON array.
    /// </summary>
    internal static List<IPEndPoint> ReadEndpoints(IConfigurationSection section, string fallback, List<string> errors)
    {
        var items = new List<(string Key, string Text)>();
        var children = section.GetChildren().ToList();
        if (children.Count > 0)
        {
            foreach (IConfigurationSection child in children)
            {
                if (!string.IsNullOrWhiteSpace(child.Value))
                {
                    items.Add((child.Path, child.Value));
                }
            }
        }
        else
        {
            foreach (string part in (section.Value ?? fallback).Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
            {
                items.Add((section.Path, part));
            }
        }

        var endpoints = new List<IPEndPoint>();
        foreach ((string key, string text) in items)
        {
            if (!IPEndPoint.TryParse(text, out IPEndPoint? ep) || ep.Port == 0 || !text.Contains(':', StringComparison.Ordinal)
                || (text.StartsWith('[') != (ep.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)))
            {
                errors.Add($"{key}: '{text}' is not an endpoint (expected ADDRESS:PORT such as 0.0.0.0:53 or [::]:53)");
                continue;
            }

            endpoints.Add(ep);
        }

        return endpoints;
    }

    internal static List<ZoneSettings> ReadZones(IConfigurationSection section, DnsName domain, string zoneDir, List<string> errors,
        string view = "")
    {
        var zones = new List<ZoneSettings>();
        foreach (IConfigurationSection z in section.GetChildren())
        {
            string? file = z["File"];
            if (string.IsNullOrWhiteSpace(file))
            {
                errors.Add($"{z.Path}:File: missing (the zone's master file, relative to {zoneDir})");
                continue;
            }

            DnsName origin = z["Origin"] is { Length: > 0 } ? ReadName(z, "Origin", domain.ToString(), errors) : domain;
            foreach (ZoneSettings other in zones)
            {
                if (other.Origin.Equals(origin))
                {
                    errors.Add($"{z.Path}:Origin: zone {origin} is already configured at {other.ConfigKey}");
                }
            }

            zones.Add(new ZoneSettings(origin, Path.GetFullPath(Path.Combine(zoneDir, file)), z.Path, view));
        }

        return zones;
    }
}
