using Microsoft.Extensions.DependencyInjection;
using SplitDns.Server.QueryLog.Postgres;
using SplitDns.Server.QueryLog.Sqlite;
using SplitDns.Server.Updates;

namespace SplitDns.Server.QueryLog;

public static class QueryLogServiceCollectionExtensions
{
    /// <summary>
    /// Registers the query log when it is enabled: the recorder the answering path writes into,
    /// the store, and the writer. Nothing is opened here: a store that cannot be opened is
    /// retried by the writer while the server answers (the log is not worth refusing to start).
    /// </summary>
    public static IServiceCollection AddQueryLog(this IServiceCollection services, QueryLogSettings settings)
    {
        services.AddSingleton(settings);
        if (!settings.Enabled)
        {
            return services;
        }

        services.AddSingleton(new QueryLogRecorder(settings));
        services.AddSingleton<IQueryLogStore>(_ => settings.Provider == StoreProvider.Postgres
            ? new PostgresQueryLogStore(settings.ConnectionString)
            : new SqliteQueryLogStore(settings.Path));
        services.AddSingleton<QueryLogWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<QueryLogWriter>());
        return services;
    }
}
