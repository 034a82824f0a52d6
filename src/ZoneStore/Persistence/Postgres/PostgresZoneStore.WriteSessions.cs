using Npgsql;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.ZoneStore.Persistence.Postgres;

public sealed partial class PostgresZoneStore : IZoneWriteSessions
{
    private const string CountJournalByIdSql = "SELECT COUNT(*) AS journal_rows FROM journal WHERE zone_id = $1;";

    /// <summary>
    /// Opens a transaction (READ COMMITTED) and locks the zone's row with <c>SELECT … FOR UPDATE</c>
    /// in the same round trip as its two time limits. Writers waiting for the row queue in
    /// PostgreSQL, so replicas take turns in order, and each statement after the lock sees what
    /// the previous holder committed. The lock goes with the transaction: released at commit or
    /// rollback, and by PostgreSQL when the holder dies (its connection closes) or goes silent
    /// for 10 s (<c>idle_in_transaction_session_timeout</c>). A waiter gives up after 10 s
    /// (<c>lock_timeout</c>) rather than hang. A pooled connection found dead is replaced once.
    /// </summary>
    public async Task<IZoneWriteSession?> BeginZoneWriteAsync(ZoneKey zone, CancellationToken ct)
    {
        for (int attempt = 0; ; attempt++)
        {
            NpgsqlConnection? connection = null;
            bool opened = false;
            try
            {
                connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
                opened = true;
                NpgsqlTransaction tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, ct).ConfigureAwait(false);
                await using var batch = new NpgsqlBatch(connection, tx);
                Add(batch, "SET LOCAL idle_in_transaction_session_timeout = '10s';");
                Add(batch, "SET LOCAL lock_timeout = '10s';");
                NpgsqlBatchCommand find = Add(batch, "SELECT id, serial FROM zones WHERE view = $1 AND origin_key = $2 FOR UPDATE;");
                find.Parameters.Add(new NpgsqlParameter<string> { TypedValue = zone.View });
                find.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = OriginKey(zone) });
                (long Id, uint Serial)? row = null;
                await using (NpgsqlDataReader r = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false))
                {
                    if (await ReadFirstRowOfAsync(r, "id", ct).ConfigureAwait(false))
                    {
                        row = (r.GetInt64(0), (uint)r.GetInt64(1));
                    }
                }

                if (row is not var (zoneId, serial))
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                    return null;
                }

                return new WriteSession(this, connection, tx, zoneId, serial);
            }
            catch (Exception ex) when (PostgresUnavailable.Is(ex) && !ct.IsCancellationRequested)
            {
                await DisposeQuietlyAsync(connection).ConfigureAwait(false);
                _dataSource.Clear();
                if (attempt == 0 && opened)
                {
                    continue;
                }

                throw PostgresUnavailable.Wrap(ex, Server);
            }
            catch
            {
                await DisposeQuietlyAsync(connection).ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>
    /// Moves through a batch's results to the one whose first column is <paramref name="column"/>
    /// (the others are statements without rows or with rows of no interest, such as pg_notify's
    /// void) and reads its first row.
    /// </summary>
    private static async Task<bool> ReadFirstRowOfAsync(NpgsqlDataReader r, string column, CancellationToken ct)
    {
        while (r.FieldCount == 0 || r.GetName(0) != column)
        {
            if (!await r.NextResultAsync(ct).ConfigureAwait(false))
            {
                return false;
            }
        }

        return await r.ReadAsync(ct).ConfigureAwait(false);
    }

    private static async Task DisposeQuietlyAsync(NpgsqlConnection? connection)
    {
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A zone's row lock and the transaction holding it; a commit writes in that transaction.</summary>
    private sealed class WriteSession(PostgresZoneStore store, NpgsqlConnection connection, NpgsqlTransaction tx, long zoneId, uint serial)
        : IZoneWriteSession
    {
        private bool _done;

        public uint Serial { get; } = serial;

        public async Task<IReadOnlyList<JournalEntry>?> ReadJournalAsync(uint fromSerial, CancellationToken ct)
        {
            try
            {
                return await ReadJournalRowsAsync(connection, tx, zoneId, Serial, fromSerial, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (PostgresUnavailable.Is(ex) && !ct.IsCancellationRequested)
            {
                store._dataSource.Clear();
                throw PostgresUnavailable.Wrap(ex, store.Server);
            }
        }

        public async Task<long?> CommitAsync(IReadOnlyList<ZoneCommit> changes, CancellationToken ct)
        {
            ArgumentOutOfRangeException.ThrowIfZero(changes.Count);
            ObjectDisposedException.ThrowIf(_done, this);
            bool commitSent = false;
            try
            {
                long rows;
                await using (var batch = new NpgsqlBatch(connection, tx))
                {
                    if (!store.AddCommit(batch, zoneId, Serial, changes))
                    {
                        return null;
                    }

                    // The journal length for the metric, in the same round trip as the writes.
                    NpgsqlBatchCommand count = Add(batch, CountJournalByIdSql);
                    count.Parameters.Add(new NpgsqlParameter<long> { TypedValue = zoneId });
                    await using NpgsqlDataReader r = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
                    rows = await ReadFirstRowOfAsync(r, "journal_rows", ct).ConfigureAwait(false) ? r.GetInt64(0) : 0;
                }

                commitSent = true;
                await tx.CommitAsync(ct).ConfigureAwait(false);
                _done = true;
                return rows;
            }
            catch (Exception ex) when (PostgresUnavailable.Is(ex) && !ct.IsCancellationRequested)
            {
                store._dataSource.Clear();
                throw PostgresUnavailable.Wrap(ex, store.Server, commitSent);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!_done)
            {
                _done = true;
                try
                {
                    await tx.RollbackAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (PostgresUnavailable.Is(ex) || ex is InvalidOperationException)
                {
                    // The connection is gone, and the lock with it.
                }
            }

            await tx.DisposeAsync().ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
