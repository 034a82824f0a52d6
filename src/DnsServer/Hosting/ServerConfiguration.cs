using Microsoft.Extensions.Configuration;

namespace SplitDns.Server.Hosting;

/// <summary>
/// Configuration sources, lowest priority first (DESIGN "Configuration"): the embedded default
/// appsettings.json, an optional <c>--config FILE</c> (JSON), environment variables with the
/// <c>SPLITDNS_</c> prefix (<c>__</c> nests: <c>SPLITDNS_SplitDns__Domain</c>), then the command
/// line (<c>--SplitDns:Domain=home.example</c>).
/// </summary>
public static class ServerConfiguration
{
    public const string EnvironmentPrefix = "SPLITDNS_";
    private const string EmbeddedDefaults = "SplitDns.Server.appsettings.json";

    /// <summary>
    /// Lists whose entries are objects: .NET configuration merges arrays by index, so a --config
    /// file's shorter list would keep the default's extra entries (a third default view, say). A
    /// list the file names therefore replaces the default list whole; the environment and the
    /// command line still override single keys (SPLITDNS_SplitDns__Views__0__Networks).
    /// </summary>
    public static readonly IReadOnlyList<string> ReplacedLists = ["SplitDns:Views", "SplitDns:Zones"];

    public static void AddSources(IConfigurationBuilder builder, string[] args, bool includeDefaults, List<string> errors)
    {
        List<string> rest = ExtractConfigFile(args, out string? file);
        if (file is not null && !File.Exists(file))
        {
            errors.Add($"--config: file '{file}' not found");
            file = null;
        }

        if (includeDefaults)
        {
            Stream? defaults = typeof(ServerConfiguration).Assembly.GetManifestResourceStream(EmbeddedDefaults);
            if (defaults is not null)
            {
                builder.AddInMemoryCollection(Defaults(defaults, file));
            }
        }

        if (file is not null)
        {
            builder.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables(EnvironmentPrefix);
        builder.AddCommandLine(rest.ToArray());
    }

    /// <summary>The embedded defaults, less the <see cref="ReplacedLists"/> that the --config file names.</summary>
    private static Dictionary<string, string?> Defaults(Stream embedded, string? file)
    {
        IConfigurationRoot defaults = new ConfigurationBuilder().AddJsonStream(embedded).Build();
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, string?> kv in defaults.AsEnumerable())
        {
            if (kv.Value is not null)
            {
                values[kv.Key] = kv.Value;
            }
        }

        if (file is null)
        {
            return values;
        }

        IConfigurationRoot user = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false).Build();
        foreach (string list in ReplacedLists)
        {
            if (user.GetSection(list).Exists())
            {
                foreach (string key in values.Keys.Where(k => k.Equals(list, StringComparison.OrdinalIgnoreCase)
                    || k.StartsWith(list + ":", StringComparison.OrdinalIgnoreCase)).ToList())
                {
                    values.Remove(key);
                }
            }
        }

        return values;
    }

    /// <summary>Removes "--config FILE" / "--config=FILE" from the arguments.</summary>
    public static List<string> ExtractConfigFile(string[] args, out string? file)
    {
        file = null;
        var rest = new List<string>(args.Length);
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--config" && i + 1 < args.Length)
            {
                file = args[++i];
            }
            else if (args[i].StartsWith("--config=", StringComparison.Ordinal))
            {
                file = args[i]["--config=".Length..];
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        return rest;
    }

    /// <summary>
    /// The one base for every relative path setting (ZoneDirectory, Store:Path,
    /// Forwarders:TrustedCaFile): the folder of the <c>--config</c> file when one is given, else
    /// the working directory. Paths written in a config file then mean the same wherever the
    /// server is started from, as in Prometheus or Caddy; without one, they mean what a shell
    /// user expects.
    /// </summary>
    public static string PathBase(string[] args)
    {
        ExtractConfigFile(args, out string? file);
        return file is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(file))!;
    }

    /// <summary>Resolves a path setting against <paramref name="pathBase"/> (absolute paths are kept).</summary>
    public static string ResolvePath(string path, string pathBase) => Path.GetFullPath(path, pathBase);

    /// <summary>Builds the configuration alone (used by <c>splitdns check</c>).</summary>
    public static IConfigurationRoot Build(string[] args, bool includeDefaults, List<string> errors)
    {
        var builder = new ConfigurationBuilder();
        AddSources(builder, args, includeDefaults, errors);
        return builder.Build();
    }
}
