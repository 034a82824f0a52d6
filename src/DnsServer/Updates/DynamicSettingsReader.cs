using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Tsig;
using SplitDns.Server.Hosting;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Persistence.Postgres;
using SplitDns.ZoneStore.Transfer;
using SplitDns.ZoneStore.Updates;

namespace SplitDns.Server.Updates;

/// <summary>
/// Reads the dynamic-update configuration. Every error names its key, like
/// <see cref="ServerSettingsReader"/>. Example zone entry:
/// <code>
/// { "File": "example.com.zone",
///   "Updates": [ { "Preset": "external-dns", "Key": "externaldns" },
///                { "Key": "certbot", "Names": ["_acme-challenge", "*._acme-challenge"], "Types": ["TXT"], "Networks": ["10.42.0.0/16"] } ],
///   "Transfer": { "Keys": ["secondary"], "Networks": ["127.0.0.0/8"] },
///   "Notify": ["127.0.0.2:53"] }
/// </code>
/// </summary>
public static class DynamicSettingsReader
{
    private static readonly string s_algorithms = string.Join(", ", TsigAlgorithm.All.Select(a => a.ShortName));

    public static DynamicSettings Read(IConfiguration configuration, ServerSettings server, List<string> errors)
    {
        IConfigurationSection s = configuration.GetSection(ServerSettingsReader.SectionName);
        TsigKeyRing keys = ReadKeys(s.GetSection("Tsig:Keys"), errors);
        var zones = new Dictionary<ZoneKey, DynamicZoneSettings>();
        foreach (ZoneSettings zone in server.Zones)
        {
            zones[zone.Key] = ReadZone(configuration.GetSection(zone.ConfigKey), zone.Key, keys, errors);
        }

        string providerText = s["Store:Provider"] ?? "Sqlite";
        StoreProvider provider = providerText.ToLowerInvariant() switch
        {
            "sqlite" => StoreProvider.Sqlite,
            "postgres" or "postgresql" => StoreProvider.Postgres,
            _ => Error(errors, $"{s.Path}:Store:Provider: '{providerText}' is not Sqlite or Postgres", StoreProvider.Sqlite),
        };

        // The one rule for relative paths: the --config file's folder, else the working directory.
        string store = provider == StoreProvider.Sqlite ? s["Store:Path"] ?? "" : "";
        if (store.Length > 0)
        {
            store = ServerConfiguration.ResolvePath(store, server.PathBase);
        }

        string connection = provider == StoreProvider.Postgres ? ReadConnectionString(s, server.PathBase, errors) : "";
        string cache = s["Store:SnapshotCache"] ?? (provider == StoreProvider.Postgres ? "data/snapshot-cache" : "");
        if (cache.Length > 0)
        {
            cache = ServerConfiguration.ResolvePath(cache, server.PathBase);
        }

        string style = s["Updates:SerialStyle"] ?? "increment";
        SerialStyle serialStyle = style.ToLowerInvariant() switch
        {
            "increment" => SerialStyle.Increment,
            "unixtime" => SerialStyle.UnixTime,
            _ => Error(errors, $"{s.Path}:Updates:SerialStyle: '{style}' is not increment or unixtime", SerialStyle.Increment),
        };
        return new DynamicSettings
        {
            Provider = provider,
            StorePath = store,
            ConnectionString = connection,
            SnapshotCachePath = cache,
            CatchUpInterval = TimeSpan.FromSeconds(ReadInt(s, "Store:CatchUpIntervalSeconds", 5, 1, 3600, errors)),
            JournalLimit = ReadInt(s, "Store:JournalLimit", 10_000, 1, 10_000_000, errors),
            Keys = keys,
            Serial = new UpdateSettings(serialStyle, (uint)ReadInt(s, "Updates:SerialIncrement", 1, 1, int.MaxValue, errors)),
            MassDeletionGuard = Guard.MassDeletionGuardSettingsReader.Read(configuration, server, errors),
            Zones = zones,
        };
    }

    private static TsigKeyRing ReadKeys(IConfigurationSection section, List<string> errors)
    {
        var keys = new List<TsigKey>();
        foreach (IConfigurationSection k in section.GetChildren())
        {
            string name = k["Name"] ?? "";
            string alg = k["Algorithm"] ?? "hmac-sha256";
            if (!DnsName.TryParse(name.EndsWith('.') ? name : name + ".", null, out DnsName keyName, out _) || keyName.IsRoot)
            {
                errors.Add($"{k.Path}:Name: '{name}' is not a key name (a domain name such as externaldns)");
                continue;
            }

            if (!TsigAlgorithm.TryParse(alg, out TsigAlgorithm? algorithm))
            {
                errors.Add($"{k.Path}:Algorithm: TSIG key '{name}': unknown algorithm '{alg}' (known: {s_algorithms})");
                continue;
            }

            try
            {
                keys.Add(TsigKey.FromBase64(keyName.ToString(), algorithm, k["Secret"] ?? ""));
            }
            catch (FormatException)
            {
                errors.Add($"{k.Path}:Secret: TSIG key '{name}': secret is not valid base64 (make one with tsig-keygen or openssl rand -base64 32)");
            }
        }

        try
        {
            return new TsigKeyRing(keys);
        }
        catch (ArgumentException ex)
        {
            errors.Add($"{section.Path}: {ex.Message}");
            return TsigKeyRing.Empty;
        }
    }

    private static DynamicZoneSettings ReadZone(IConfigurationSection z, ZoneKey zone, TsigKeyRing keys, List<string> errors)
    {
        DnsName origin = zone.Origin;
        var grants = new List<UpdateGrant>();
        var rules = new List<TransferRule>();
        foreach (IConfigurationSection g in z.GetSection("Updates").GetChildren())
        {
            if (ReadGrant(g, origin, keys, errors) is { } grant)
            {
                grants.Add(grant);
                bool preset = g["Preset"] == UpdatePresets.ExternalDns;
                if (grant.KeyName is not null && ReadBool(g, "AllowTransfer", preset, errors))
                {
                    // One setting grants the same key update and transfer (external-dns needs both).
                    rules.Add(new TransferRule([grant.KeyName], grant.Networks));
                }
            }
        }

        IConfigurationSection t = z.GetSection("Transfer");
        List<string> transferKeys = ReadList(t.GetSection("Keys"));
        foreach (string key in transferKeys)
        {
            CheckKey(keys, key, t.Path + ":Keys", errors);
        }

        rules.Add(new TransferRule(transferKeys, ReadNetworks(t.GetSection("Networks"), errors)));

        var notify = new List<IPEndPoint>();
        foreach (string text in ReadList(z.GetSection("Notify")))
        {
            if (IPEndPoint.TryParse(text, out IPEndPoint? ep) && ep.Port != 0)
            {
                notify.Add(ep);
            }
            else
            {
                errors.Add($"{z.Path}:Notify: '{text}' is not ADDRESS:PORT");
            }
        }

        return new DynamicZoneSettings
        {
            Key = zone,
            Policy = new ZoneUpdatePolicy(grants),
            Transfer = new TransferAcl(rules),
            Notify = notify,
        };
    }

    private static UpdateGrant? ReadGrant(IConfigurationSection g, DnsName origin, TsigKeyRing keys, List<string> errors)
    {
        bool preset = false;
        if (g["Preset"] is { } presetName)
        {
            if (presetName != UpdatePresets.ExternalDns)
            {
                errors.Add($"{g.Path}:Preset: unknown preset '{presetName}' (known: {UpdatePresets.ExternalDns})");
                return null;
            }

            preset = true;
        }

        bool unsigned = ReadBool(g, "Unsigned", false, errors);
        string? key = g["Key"];
        if (unsigned == (key is not null))
        {
            errors.Add($"{g.Path}: set either Key (a TSIG key name) or \"Unsigned\": true");
            return null;
        }

        if (key is not null)
        {
            CheckKey(keys, key, g.Path + ":Key", errors);
        }

        var names = new List<NamePattern>();
        foreach (string text in preset && !g.GetSection("Names").GetChildren().Any() ? UpdatePresets.ExternalDnsNames : ReadList(g.GetSection("Names")))
        {
            try
            {
                names.Add(NamePattern.Parse(text, origin));
            }
            catch (FormatException ex)
            {
                errors.Add($"{g.Path}:Names: {ex.Message}");
            }
        }

        if (names.Count == 0)
        {
            errors.Add($"{g.Path}:Names: at least one name pattern (@, *, **, host, *.sub, **.sub)");
        }

        var types = new List<RecordType>();
        foreach (string text in ReadList(g.GetSection("Types")))
        {
            if (RecordTypeNames.TryParse(text, out RecordType type))
            {
                types.Add(type);
            }
            else
            {
                errors.Add($"{g.Path}:Types: '{text}' is not a record type");
            }
        }

        if (preset && types.Count == 0)
        {
            types.AddRange(UpdatePresets.ExternalDnsTypes);
        }

        return new UpdateGrant(key, names, types, ReadNetworks(g.GetSection("Networks"), errors));
    }

    private static void CheckKey(TsigKeyRing keys, string key, string path, List<string> errors)
    {
        if (!DnsName.TryParse(key.EndsWith('.') ? key : key + ".", null, out DnsName name, out _) || !keys.TryFind(name, out _))
        {
            errors.Add($"{path}: TSIG key '{key}' is not defined in SplitDns:Tsig:Keys");
        }
    }

    private static List<IPNetwork> ReadNetworks(IConfigurationSection section, List<string> errors)
    {
        var list = new List<IPNetwork>();
        foreach (string text in ReadList(section))
        {
            if (IPNetwork.TryParse(text, out IPNetwork network))
            {
                list.Add(network);
            }
            else if (IPAddress.TryParse(text, out IPAddress? address))
            {
                list.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8));
            }
            else
            {
                errors.Add($"{section.Path}: '{text}' is not a CIDR such as 10.42.0.0/16");
            }
        }

        return list;
    }

    /// <summary>A JSON array, or one string separated by commas or spaces (easy to set from the environment).</summary>
    private static List<string> ReadList(IConfigurationSection section)
    {
        var children = section.GetChildren().Select(c => c.Value).Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
        if (children.Count > 0)
        {
            return children!;
        }

        return (section.Value ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    private static bool ReadBool(IConfigurationSection s, string key, bool fallback, List<string> errors)
    {
        string? text = s[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return bool.TryParse(text, out bool value) ? value : Error(errors, $"{s.Path}:{key}: '{text}' is not true or false", fallback);
    }

    private static int ReadInt(IConfigurationSection s, string key, int fallback, int min, int max, List<string> errors)
    {
        string? text = s[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= min && v <= max
            ? v : Error(errors, $"{s.Path}:{key}: '{text}' is not an integer in {min}..{max}", fallback);
    }

    /// <summary>
    /// The PostgreSQL connection string: Store:ConnectionString, or the file Store:ConnectionStringFile
    /// names (a mounted Kubernetes Secret; relative to the path rule). Exactly one of them.
    /// </summary>
    private static string ReadConnectionString(IConfigurationSection s, string pathBase, List<string> errors)
    {
        string value = s["Store:ConnectionString"] ?? "";
        string file = s["Store:ConnectionStringFile"] ?? "";
        if (file.Length > 0)
        {
            file = ServerConfiguration.ResolvePath(file, pathBase);
        }

        string key = $"{s.Path}:Store:{(file.Length > 0 ? "ConnectionStringFile" : "ConnectionString")}";
        return PostgresConnectionString.Resolve(value, file, out string? error) ?? Error(errors, $"{key}: {error}", "");
    }

    private static T Error<T>(List<string> errors, string message, T fallback)
    {
        errors.Add(message);
        return fallback;
    }
}
