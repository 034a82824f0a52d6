using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using SplitDns.Blocking;

namespace SplitDns.Server.Hosting;

/// <summary>
/// Reads SplitDns:Blocking (CacheDirectory, DownloadTimeoutSeconds, MaxDownloadMb, Lists) and a
/// view's Blocking section (Enabled, Lists, Allowlists, Mode, Addresses, Ttl). Lists are keyed by
/// name so a --config file can add one or remove a default one with an empty value; a list is a
/// URL or path string, or an object with Source, Format (Auto, Hosts, Domains, AdBlock),
/// RefreshHours and Kind (Block, the default, or Allow).
/// </summary>
internal static class BlockingSettingsReader
{
    public static BlockingSettings Read(IConfigurationSection b, string pathBase, List<string> errors)
    {
        var lists = new List<BlocklistOptions>();
        var allow = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (IConfigurationSection l in b.GetSection("Lists").GetChildren())
        {
            if (l.Value is { } v && string.IsNullOrWhiteSpace(v))
            {
                continue; // an empty value removes a list (e.g. the default one)
            }

            if (ReadList(l, pathBase, allow, errors) is { } list)
            {
                lists.Add(list);
            }
        }

        if (lists.Count > BlockingIndex.MaxLists)
        {
            errors.Add($"{b.Path}:Lists: {lists.Count} lists configured; at most {BlockingIndex.MaxLists} are supported");
        }

        string cache = b["CacheDirectory"] is { Length: > 0 } dir ? dir : "data/blocklists";
        return new BlockingSettings
        {
            Options = new BlockingOptions
            {
                CacheDirectory = ServerConfiguration.ResolvePath(cache, pathBase),
                DownloadTimeout = TimeSpan.FromSeconds(ServerSettingsReader.ReadInt(b, "DownloadTimeoutSeconds", 30, 1, 600, errors)),
                MaxDownloadBytes = ServerSettingsReader.ReadInt(b, "MaxDownloadMb", 64, 1, 1024, errors) * 1024L * 1024L,
                Lists = lists,
            },
            Allowlists = allow,
        };
    }

    private static BlocklistOptions? ReadList(IConfigurationSection l, string pathBase, HashSet<string> allow, List<string> errors)
    {
        string name = l.Key.Trim().ToLowerInvariant();
        if (!IsValidName(name))
        {
            errors.Add($"{l.Path}: '{l.Key}' is not a list name (letters, digits, '-' and '_', up to 32)");
            return null;
        }

        string? source = (l.Value ?? l["Source"])?.Trim();
        if (string.IsNullOrEmpty(source))
        {
            errors.Add($"{l.Path}:Source: a list needs a file path or an http(s) URL (an empty value removes the list)");
            return null;
        }

        if (source.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(source, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
            {
                errors.Add($"{l.Path}:Source: '{source}' is not an http or https URL");
                return null;
            }
        }
        else
        {
            source = ServerConfiguration.ResolvePath(source, pathBase);
        }

        BlocklistFormat format = BlocklistFormat.Auto;
        if (l["Format"] is { Length: > 0 } f && !Enum.TryParse(f, ignoreCase: true, out format))
        {
            errors.Add($"{l.Path}:Format: '{f}' is not Auto, Hosts, Domains or AdBlock");
        }

        switch (l["Kind"]?.Trim().ToLowerInvariant())
        {
            case null or "" or "block":
                break;
            case "allow":
                allow.Add(name);
                break;
            default:
                errors.Add($"{l.Path}:Kind: '{l["Kind"]}' is not Block or Allow");
                break;
        }

        return new BlocklistOptions
        {
            Name = name,
            Source = source,
            Format = format,
            RefreshInterval = TimeSpan.FromHours(ServerSettingsReader.ReadInt(l, "RefreshHours", 24, 1, 24 * 30, errors)),
        };
    }

    /// <summary>
    /// A view's Blocking section (or just true/false); absent means off. Lists and Allowlists default
    /// to every list of that kind; a view left with no blocklist does not block.
    /// </summary>
    public static ViewBlockingSettings ReadView(IConfigurationSection v, BlockingSettings blocking, List<string> errors)
    {
        if (v.Value is null && !v.GetChildren().Any())
        {
            return ViewBlockingSettings.Off;
        }

        bool enabled = v.Value is { } flag
            ? ParseFlag(v, flag, errors)
            : ServerSettingsReader.ReadBool(v, "Enabled", true, errors);
        var known = blocking.Options.Lists.Select(l => l.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        List<string> lists = ReadNames(v.GetSection("Lists"), known, errors)
            ?? blocking.Options.Lists.Select(l => l.Name).Where(n => !blocking.Allowlists.Contains(n)).ToList();
        List<string> allowlists = ReadNames(v.GetSection("Allowlists"), known, errors)
            ?? blocking.Options.Lists.Select(l => l.Name).Where(blocking.Allowlists.Contains).ToList();
        BlockMode mode = BlockMode.NxDomain;
        if (v["Mode"] is { Length: > 0 } m && !Enum.TryParse(m, ignoreCase: true, out mode))
        {
            errors.Add($"{v.Path}:Mode: '{m}' is not NxDomain, NoData, NullIp or Custom");
        }

        List<IPAddress> addresses = ReadAddresses(v.GetSection("Addresses"), errors);
        if (mode == BlockMode.Custom && addresses.Count == 0)
        {
            errors.Add($"{v.Path}:Addresses: Mode Custom needs at least one address to answer with");
        }

        return new ViewBlockingSettings
        {
            // No blocklist left (e.g. a --config file removed the default one): blocking is off.
            Enabled = enabled && lists.Count > 0,
            Lists = lists,
            Allowlists = allowlists,
            Mode = mode,
            Addresses = addresses,
            Ttl = (uint)ServerSettingsReader.ReadInt(v, "Ttl", 60, 0, 86400, errors),
        };
    }

    private static bool ParseFlag(IConfigurationSection v, string flag, List<string> errors)
    {
        if (bool.TryParse(flag, out bool value))
        {
            return value;
        }

        errors.Add($"{v.Path}: '{flag}' is not true, false or a Blocking section");
        return false;
    }

    /// <summary>Absent: null (the default applies); "" : none; else names that must be configured lists.</summary>
    private static List<string>? ReadNames(IConfigurationSection s, HashSet<string> known, List<string> errors)
    {
        if (s.Value is null && !s.GetChildren().Any())
        {
            return null;
        }

        var names = new List<string>();
        foreach ((string key, string text) in ForwarderSettingsReader.Items(s))
        {
            string name = text.ToLowerInvariant();
            if (!known.Contains(name))
            {
                errors.Add($"{key}: '{text}' is not one of SplitDns:Blocking:Lists ({string.Join(", ", known)})");
            }
            else if (!names.Contains(name))
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static List<IPAddress> ReadAddresses(IConfigurationSection s, List<string> errors)
    {
        var addresses = new List<IPAddress>();
        foreach ((string key, string text) in ForwarderSettingsReader.Items(s))
        {
            if (IPAddress.TryParse(text, out IPAddress? address) && address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            {
                addresses.Add(address);
            }
            else
            {
                errors.Add($"{key}: '{text}' is not an IPv4 or IPv6 address");
            }
        }

        return addresses;
    }

    private static bool IsValidName(string name) =>
        name.Length is > 0 and <= 32 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
