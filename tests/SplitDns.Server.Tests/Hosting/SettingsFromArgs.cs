using SplitDns.Server.Hosting;

namespace SplitDns.Server.Tests.Hosting;

/// <summary>
/// ServerSettings read the way start-up reads them, from "--Key=Value" arguments: the same
/// configuration sources, then ServerSettingsReader. No traffic is sent.
/// </summary>
internal static class SettingsFromArgs
{
    /// <summary>Without the embedded defaults; relative paths against the test's base directory.</summary>
    public static (ServerSettings Settings, List<string> Errors) Read(params string[] args) =>
        ReadAt(AppContext.BaseDirectory, includeDefaults: false, args);

    public static (ServerSettings Settings, List<string> Errors) Read(bool includeDefaults, params string[] args) =>
        ReadAt(AppContext.BaseDirectory, includeDefaults, args);

    /// <summary>Relative paths against <paramref name="pathBase"/> (the path rule).</summary>
    public static (ServerSettings Settings, List<string> Errors) ReadAt(string pathBase, bool includeDefaults, params string[] args)
    {
        var errors = new List<string>();
        var configuration = ServerConfiguration.Build(args, includeDefaults, errors);
        ServerSettings settings = ServerSettingsReader.Read(configuration, pathBase, errors);
        return (settings, errors);
    }
}
