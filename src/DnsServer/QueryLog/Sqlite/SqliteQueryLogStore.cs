using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SplitDns.Server.QueryLog.Sqlite;

/// <summary>
/// The query log in a SQLite file of its own (SplitDns:QueryLog:Path), so the zone store's WAL
/// and fsyncs are never shared with a high-volume log. WAL with <c>synchronous=NORMAL</c>: a
/// power cut may lose the last batches (never corrupt the file), acceptable for a log and not
/// for zones, which keep <c>synchronous=FULL</c> in their own file.
/// </summary>
public sealed class SqliteQueryLogStore : QueryLogDbStore
{
    private readonly string _path;
    private readonly string _connectionString;

    public SqliteQueryLogStore(string path)
    {
        _path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 5,
        }.ToString();
    }

    public override string Description => _path;

    public override async Task InitializeAsync(CancellationToken ct)
    {
        if (Path.GetDirectoryName(_path) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using (SqliteCommand wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            await wal.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        SqliteQueryLogSchema.Migrate(connection);
    }

    /// <summary>
    /// Inserts the batch in one transaction through one prepared statement bound by position with
    /// SQLitePCL's raw API: Microsoft.Data.Sqlite binds every parameter by name and boxes its value
    /// on each execution, which made a row cost about 13 µs of CPU; by position it is a few.
    /// </summary>
    public override async Task WriteAsync(IReadOnlyList<QueryLogRow> rows, CancellationToken ct)
    {
        await using DbConnection connection = await OpenAsync(ct).ConfigureAwait(false);
        var sqlite = (SqliteConnection)connection;
        using SqliteTransaction tx = sqlite.BeginTransaction();
        sqlite3 db = sqlite.Handle!;
        Check(db, raw.sqlite3_prepare_v2(db, s_insert, out sqlite3_stmt statement));
        using (statement)
        {
            Span<byte> client = stackalloc byte[16];
            foreach (QueryLogRow row in rows)
            {
                ct.ThrowIfCancellationRequested();
                QueryLogRow.WriteClientKey(row.Client, client);
                raw.sqlite3_bind_int64(statement, 1, ToMicroseconds(row.Time));
                raw.sqlite3_bind_blob(statement, 2, client);
                raw.sqlite3_bind_int(statement, 3, row.ClientPort);
                raw.sqlite3_bind_text(statement, 4, row.Transport);
                raw.sqlite3_bind_text(statement, 5, row.View);
                raw.sqlite3_bind_text(statement, 6, row.Name);
                raw.sqlite3_bind_int(statement, 7, row.QType);
                raw.sqlite3_bind_int(statement, 8, row.QClass);
                raw.sqlite3_bind_int(statement, 9, row.Rcode);
                raw.sqlite3_bind_text(statement, 10, row.Source);
                BindText(statement, 11, row.BlockedList);
                BindText(statement, 12, row.Upstream);
                raw.sqlite3_bind_int(statement, 13, row.ResponseSize);
                raw.sqlite3_bind_int(statement, 14, row.DurationMicroseconds);
                if (row.ExtendedError is { } ede)
                {
                    raw.sqlite3_bind_int(statement, 15, ede);
                }
                else
                {
                    raw.sqlite3_bind_null(statement, 15);
                }

                int rc = raw.sqlite3_step(statement);
                if (rc != raw.SQLITE_DONE)
                {
                    Check(db, rc);
                }

                raw.sqlite3_reset(statement);
            }
        }

        tx.Commit();
    }

    private static readonly string s_insert =
        $"INSERT INTO query_log ({Columns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";

    private static void BindText(sqlite3_stmt statement, int index, string? value)
    {
        if (value is null)
        {
            raw.sqlite3_bind_null(statement, index);
        }
        else
        {
            raw.sqlite3_bind_text(statement, index, value);
        }
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite Error {rc}: '{raw.sqlite3_errmsg(db).utf8_to_string()}'.", rc);
        }
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            await using SqliteCommand cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA synchronous=NORMAL;";
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override ValueTask DisposeAsync()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }
}
