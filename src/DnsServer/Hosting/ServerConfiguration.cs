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

    public static void AddSources(IConfigurationBuilder builder, string[] args, bool includeDefaults, List<string> errors)
    {
        if (includeDefaults)
        {
            Stream? defaults = typeof(ServerConfiguration).Assembly.GetManifestResourceStream(EmbeddedDefaults);
            if (defaults is not null)
            {
                builder.AddJsonStream(defaults);
            }
        }

        List<string> rest = ExtractConfigFile(args, out string? file);
        if (file is not null)
        {
            if (File.Exists(file))
            {
                builder.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
            }
            else
            {
                errors.Add($"--config: file '{file}' not found");
            }
        }

        builder.AddEnvironmentVariables(EnvironmentPrefix);
        builder.AddCommandLine(rest.ToArray());
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
