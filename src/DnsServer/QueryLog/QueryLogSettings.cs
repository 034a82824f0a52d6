using SplitDns.Server.Updates;

namespace SplitDns.Server.QueryLog;

/// <summary>The validated query log configuration (SplitDns:QueryLog), read by <see cref="QueryLogSettingsReader"/>.</summary>
public sealed class QueryLogSettings
{
    public bool Enabled { get; init; }

    /// <summary>The share of queries logged, in (0, 1]: 1 logs every query.</summary>
    public double SampleRate { get; init; } = 1.0;

    /// <summary>Entries waiting for the writer; a query that finds the queue full is not logged (counted as dropped).</summary>
    public int QueueCapacity { get; init; } = 10_000;

    /// <summary>Rows per store transaction.</summary>
    public int BatchSize { get; init; } = 1_000;

    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(7);

    public long MaxRows { get; init; } = 1_000_000;

    /// <summary>How often rows older than <see cref="Retention"/> or beyond <see cref="MaxRows"/> are deleted.</summary>
    public TimeSpan RetentionInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Serve GET /api/v1/querylog on the HTTP port (unauthenticated until the REST API has auth).</summary>
    public bool Api { get; init; }

    public StoreProvider Provider { get; init; } = StoreProvider.Sqlite;

    /// <summary>The SQLite file of the log (its own file, not the zone store's); absolute.</summary>
    public string Path { get; init; } = "";

    /// <summary>The PostgreSQL connection string (the zone store's database).</summary>
    public string ConnectionString { get; init; } = "";
}
