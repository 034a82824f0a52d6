namespace SplitDns.Server.QueryLog;

/// <summary>
/// Where query log rows go: a SQLite file of its own, or a table in the PostgreSQL database of
/// the zone store. Every method may throw when the store is unavailable; the writer counts that
/// and keeps going. Both implementations pass the same contract tests.
/// </summary>
public interface IQueryLogStore : IAsyncDisposable
{
    /// <summary>For logs: the file or the server.</summary>
    string Description { get; }

    /// <summary>Creates or migrates the schema; safe to call again after a failure.</summary>
    Task InitializeAsync(CancellationToken ct);

    /// <summary>Inserts the rows in one transaction.</summary>
    Task WriteAsync(IReadOnlyList<QueryLogRow> rows, CancellationToken ct);

    /// <summary>Deletes rows of queries received before <paramref name="cutoff"/>; returns how many.</summary>
    Task<long> DeleteOlderThanAsync(DateTime cutoff, CancellationToken ct);

    /// <summary>Deletes the oldest rows beyond <paramref name="maxRows"/>; returns how many.</summary>
    Task<long> TrimAsync(long maxRows, CancellationToken ct);

    Task<long> CountAsync(CancellationToken ct);

    Task<QueryLogPage> SearchAsync(QueryLogSearch search, CancellationToken ct);

    /// <summary>
    /// The <paramref name="limit"/> most frequent names or clients of queries received since
    /// <paramref name="since"/>, most frequent first (ties by key), for the dashboard.
    /// </summary>
    Task<IReadOnlyList<QueryLogCount>> TopAsync(QueryLogTopKind kind, DateTime since, int limit, CancellationToken ct);
}
