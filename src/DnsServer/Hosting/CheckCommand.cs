using SplitDns.Server.Zones;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.Server.Hosting;

/// <summary>
/// <c>splitdns check [--config FILE] [--Key=Value ...]</c>: validates configuration and every
/// zone like named-checkconf -z, prints each error (key: reason, or file:line:column: reason)
/// and exits non-zero when there is one. The configuration goes through
/// <see cref="StartupSettings.Read"/>, exactly as at start-up; the store is probed, not opened
/// for writing.
/// </summary>
public static class CheckCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool includeDefaults = true)
    {
        var errors = new List<string>();
        ServerSettings? settings = null;
        try
        {
            var configuration = ServerConfiguration.Build(args, includeDefaults, errors);
            // The same validation as start-up: server, TSIG keys, store, update grants, transfer, NOTIFY.
            settings = StartupSettings.Read(configuration, ServerConfiguration.PathBase(args), errors).Server;
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException)
        {
            errors.Add($"--config: not valid JSON: {ex.Message}");
        }

        int zonesOk = 0;
        if (settings is not null)
        {
            var source = new ZoneFileSource(new MasterFileLoader());
            foreach (ZoneSettings zone in settings.Zones)
            {
                if (source.LoadAsync(zone, errors, CancellationToken.None).GetAwaiter().GetResult() is { } snapshot)
                {
                    zonesOk++;
                    stdout.WriteLine($"zone {zone.Key}: loaded serial {snapshot.Serial}, {snapshot.RecordCount} records ({zone.File})");
                }
            }
        }

        foreach (string error in errors)
        {
            stderr.WriteLine(error);
        }

        if (errors.Count > 0)
        {
            stderr.WriteLine($"splitdns check: {errors.Count} error(s)");
            return 1;
        }

        stdout.WriteLine($"splitdns check: configuration OK, {zonesOk} zone(s) OK");
        return 0;
    }
}
