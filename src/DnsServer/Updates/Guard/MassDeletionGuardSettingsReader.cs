using System.Globalization;
using Microsoft.Extensions.Configuration;
using SplitDns.Server.Hosting;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Updates;

namespace SplitDns.Server.Updates.Guard;

/// <summary>
/// Reads "SplitDns:Updates:MassDeletionGuard" (Enabled, MaxDeleteShare, MinDeletions,
/// WindowSeconds, ApprovalSeconds) and each zone grant's "MassDeletionGuard" (true/false; default
/// true for the external-dns preset). Every error is "key: reason".
/// </summary>
public static class MassDeletionGuardSettingsReader
{
    public const string SectionKey = ServerSettingsReader.SectionName + ":Updates:MassDeletionGuard";

    public static MassDeletionGuardSettings Read(IConfiguration configuration, ServerSettings server, List<string> errors)
    {
        IConfigurationSection s = configuration.GetSection(SectionKey);
        bool? enabled = ReadBool(s, "Enabled", errors);
        var grants = new Dictionary<(ZoneKey Zone, string Key), bool>();
        foreach (ZoneSettings zone in server.Zones)
        {
            foreach (IConfigurationSection g in configuration.GetSection(zone.ConfigKey).GetSection("Updates").GetChildren())
            {
                bool? own = ReadBool(g, "MassDeletionGuard", errors);
                if (g["Key"] is not { Length: > 0 } key)
                {
                    continue;
                }

                bool preset = g["Preset"] == UpdatePresets.ExternalDns;
                bool on = own ?? enabled ?? preset;
                var id = (zone.Key, UpdateGrant.NormalizeKey(key));

                // Two grants for one key: the guard is on when either asks for it.
                grants[id] = on || (grants.TryGetValue(id, out bool before) && before);
            }
        }

        return new MassDeletionGuardSettings
        {
            Enabled = enabled,
            MaxDeleteShare = ReadShare(s, errors),
            MinDeletions = ReadInt(s, "MinDeletions", 10, 1, 10_000_000, errors),
            Window = TimeSpan.FromSeconds(ReadInt(s, "WindowSeconds", 600, 1, 7 * 86_400, errors)),
            ApprovalLifetime = TimeSpan.FromSeconds(ReadInt(s, "ApprovalSeconds", 900, 1, 7 * 86_400, errors)),
            Grants = grants,
        };
    }

    private static double ReadShare(IConfigurationSection s, List<string> errors)
    {
        string? text = s["MaxDeleteShare"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return 0.25;
        }

        bool percent = text.TrimEnd().EndsWith('%');
        string number = percent ? text.Trim().TrimEnd('%') : text;
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
        {
            v = percent ? v / 100 : v;
            if (v > 0 && v <= 1)
            {
                return v;
            }
        }

        errors.Add($"{s.Path}:MaxDeleteShare: '{text}' is not a share in (0, 1] such as 0.25 or 25%");
        return 0.25;
    }

    private static bool? ReadBool(IConfigurationSection s, string key, List<string> errors)
    {
        string? text = s[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (bool.TryParse(text, out bool value))
        {
            return value;
        }

        errors.Add($"{s.Path}:{key}: '{text}' is not true or false");
        return null;
    }

    private static int ReadInt(IConfigurationSection s, string key, int fallback, int min, int max, List<string> errors)
    {
        string? text = s[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= min && v <= max)
        {
            return v;
        }

        errors.Add($"{s.Path}:{key}: '{text}' is not an integer in {min}..{max}");
        return fallback;
    }
}
