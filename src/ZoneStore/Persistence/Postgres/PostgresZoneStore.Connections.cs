using System.Data;
using Npgsql;

namespace SplitDns.ZoneStore.Persistence.Postgres;

public sealed partial class PostgresZoneStore
{
    /// <summary>Runs <paramref name="work"/> on a pooled connection (autocommit).</summary>
    private Task<T> RunAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken ct) =>
        RunAsync(work, null, default, ct);

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction and commits it (a body that decided to
    /// change nothing commits an empty transaction, which only releases its locks).
    /// </summary>
    private Task<T> RunInTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, IsolationLevel isolation,
        CancellationToken ct) =>
        RunAsync(null, work, isolation, ct);

    /// <summary>
    /// Maps connection failures to <see cref="ZoneStoreUnavailableException"/>. A pooled
    /// connection may have died while idle (the server restarted): when the failure comes before
    /// COMMIT was sent, nothing was written, so the pool is cleared and the work runs once more
    /// on a fresh connection. After COMMIT was sent the outcome is unknown and is not retried
    /// here: the caller's retry reloads, and the compare-and-set makes a repeat a Conflict, never
    /// a second journal row.
    /// </summary>
    private async Task<T> RunAsync<T>(Func<NpgsqlConnection, Task<T>>? plain, Func<NpgsqlConnection, NpgsqlTransaction, Task<T>>? inTx,
        IsolationLevel isolation, CancellationToken ct)
    {
        for (int attempt = 0; ; attempt++)
        {
            bool opened = false;
            bool commitSent = false;
            try
            {
                await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
                opened = true;
                if (plain is not null)
                {
                    return await plain(connection).ConfigureAwait(false);
                }

                await using NpgsqlTransaction tx = await connection.BeginTransactionAsync(isolation, ct).ConfigureAwait(false);
                T result = await inTx!(connection, tx).ConfigureAwait(false);
                commitSent = true;
                await tx.CommitAsync(ct).ConfigureAwait(false);
                return result;
            }
            catch (Exception ex) when (PostgresUnavailable.Is(ex) && !ct.IsCancellationRequested)
            {
                // Every idle connection of the pool is as dead as this one: drop them all.
                _dataSource.Clear();
                if (attempt == 0 && opened && !commitSent)
                {
                    continue;
                }

                throw PostgresUnavailable.Wrap(ex, Server, commitSent);
            }
        }
    }
}
