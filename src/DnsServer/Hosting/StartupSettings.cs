using Microsoft.Extensions.Configuration;
using SplitDns.Server.Api;
using SplitDns.Server.QueryLog;
using SplitDns.Server.Updates;
using SplitDns.ZoneStore.Persistence.Sqlite;

namespace SplitDns.Server.Hosting;

/// <summary>
/// Everything start-up validates before it builds the host: the server settings, the dynamic
/// update settings (TSIG keys, store, grants, transfer, NOTIFY), the query log and API settings and the SQLite store file (a
/// PostgreSQL store is not contacted: it may be down at start-up, which the server survives). Start-up and
/// <c>splitdns check</c> both read through here, so a configuration that passes <c>check</c>
/// passes start-up's validation too (zone files are loaded by each of them afterwards).
/// </summary>
public sealed record StartupSettings(ServerSettings Server, DynamicSettings Dynamic, QueryLogSettings QueryLog, ApiSettings Api)
{
    public const string StorePathKey = ServerSettingsReader.SectionName + ":Store:Path";

    /// <summary>Reads and validates; every problem is added to <paramref name="errors"/> as "key: reason".</summary>
    public static StartupSettings Read(IConfiguration configuration, string baseDirectory, List<string> errors)
    {
        ServerSettings server = ServerSettingsReader.Read(configuration, baseDirectory, errors);
        DynamicSettings dynamic = DynamicSettingsReader.Read(configuration, server, errors);
        if (dynamic.Provider == StoreProvider.Sqlite && dynamic.StoreEnabled && SqliteZoneStore.Probe(dynamic.StorePath) is { } problem)
        {
            errors.Add($"{StorePathKey}: {problem}");
        }

        QueryLogSettings queryLog = QueryLogSettingsReader.Read(configuration, server, dynamic, errors);
        ApiSettings api = ApiSettingsReader.Read(configuration, server, dynamic, errors);
        return new StartupSettings(server, dynamic, queryLog, api);
    }
}
