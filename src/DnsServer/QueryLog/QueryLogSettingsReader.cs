using System.Globalization;
using Microsoft.Extensions.Configuration;
using SplitDns.Server.Hosting;
using SplitDns.Server.Updates;

namespace SplitDns.Server.QueryLog;

/// <summary>
/// Reads SplitDns:QueryLog. Every error names its key and the reason, like
/// <see cref="ServerSettingsReader"/>. The store follows SplitDns:Store:Provider: SQLite writes
/// its own file (QueryLog:Path), PostgreSQL a table in the zone store's database.
/// </summary>
public static class QueryLogSettingsReader
{
    public const string DefaultPath = "data/querylog.db";

    public static QueryLogSettings Read(IConfiguration configuration, ServerSettings server, DynamicSettings dynamic, List<string> errors)
    {
        IConfigurationSection s = configuration.GetSection(ServerSettingsReader.SectionName + ":QueryLog");
        bool enabled = ServerSettingsReader.ReadBool(s, "Enabled", false, errors);
        string path = "";
        if (dynamic.Provider == StoreProvider.Sqlite)
        {
            string text = s["Path"] ?? DefaultPath;
            if (text.Trim().Length == 0)
            {
                errors.Add($"{s.Path}:Path: empty (a file such as {DefaultPath})");
            }
            else
            {
                path = ServerConfiguration.ResolvePath(text, server.PathBase);
            }
        }

        return new QueryLogSettings
        {
            Enabled = enabled,
            SampleRate = ReadRate(s, errors),
            QueueCapacity = ServerSettingsReader.ReadInt(s, "QueueCapacity", 10_000, 1, 1_000_000, errors),
            BatchSize = ServerSettingsReader.ReadInt(s, "BatchSize", 1_000, 1, 100_000, errors),
            FlushInterval = TimeSpan.FromMilliseconds(ServerSettingsReader.ReadInt(s, "FlushIntervalMilliseconds", 1_000, 10, 60_000, errors)),
            Retention = TimeSpan.FromDays(ServerSettingsReader.ReadInt(s, "RetentionDays", 7, 1, 3650, errors)),
            MaxRows = ServerSettingsReader.ReadInt(s, "MaxRows", 1_000_000, 1, int.MaxValue, errors),
            RetentionInterval = TimeSpan.FromSeconds(ServerSettingsReader.ReadInt(s, "RetentionIntervalSeconds", 60, 1, 86_400, errors)),
            Api = ServerSettingsReader.ReadBool(s, "Api", false, errors),
            Provider = dynamic.Provider,
            Path = path,
            ConnectionString = dynamic.ConnectionString,
        };
    }

    private static double ReadRate(IConfigurationSection s, List<string> errors)
    {
        string? text = s["SampleRate"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return 1.0;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) || !(rate > 0 && rate <= 1))
        {
            errors.Add($"{s.Path}:SampleRate: '{text}' is not a number in (0, 1] (1 logs every query, 0.1 one in ten)");
            return 1.0;
        }

        return rate;
    }
}
