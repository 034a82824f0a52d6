using Npgsql;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.ZoneStore.Persistence.Postgres;

public sealed partial class PostgresZoneStore : IZoneWriteLocks
{
    /// <summary>
    /// A transaction-scoped advisory lock on a connection of its own, keyed by the zone. Waiters
    /// queue in PostgreSQL, so replicas take turns in order. The lock goes with its transaction:
    /// released on dispose, and by PostgreSQL when the holder dies (its connection closes) or goes
    /// silent for 10 s (<c>idle_in_transaction_session_timeout</c>). A waiter gives up after 10 s
    /// (<c>lock_timeout</c>) rather than hang.
    /// </summary>
    public async Task<IAsyncDisposable> LockZoneAsync(ZoneKey zone, CancellationToken ct)
    {
        NpgsqlConnection? connection = null;
        try
        {
            connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            NpgsqlTransaction tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (var settings = new NpgsqlCommand(
                "SET LOCAL idle_in_transaction_session_timeout = '10s'; SET LOCAL lock_timeout = '10s';", connection, tx))
            {
                await settings.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended(@key, 0));", connection, tx))
            {
                lockCommand.Parameters.AddWithValue("key", $"splitdns zone {zone.View}/{zone.Origin.ToLowerInvariant()}");
                await lockCommand.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            return new ZoneLock(connection, tx);
        }
        catch (Exception ex) when (PostgresUnavailable.Is(ex) && !ct.IsCancellationRequested)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            _dataSource.Clear();
            throw PostgresUnavailable.Wrap(ex, Server);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    private sealed class ZoneLock(NpgsqlConnection connection, NpgsqlTransaction tx) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await tx.RollbackAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (PostgresUnavailable.Is(ex) || ex is InvalidOperationException)
            {
                // The connection is gone, and the lock with it.
            }

            await tx.DisposeAsync().ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
