using System.Data.Common;
using Microsoft.Data.Sqlite;

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

    public override async Task WriteAsync(IReadOnlyList<QueryLogRow> rows, CancellationToken ct)
    {
        await using DbConnection connection = await OpenAsync(ct).ConfigureAwait(false);
        var sqlite = (SqliteConnection)connection;
        await using var tx = (SqliteTransaction)await sqlite.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using SqliteCommand cmd = sqlite.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO query_log ({Columns}) VALUES (@t, @c, @cp, @tr, @v, @n, @qt, @qc, @rc, @s, @bl, @up, @rs, @d, @e)";
        SqliteParameter[] p =
        [
            cmd.Parameters.Add("@t", SqliteType.Integer), cmd.Parameters.Add("@c", SqliteType.Blob),
            cmd.Parameters.Add("@cp", SqliteType.Integer), cmd.Parameters.Add("@tr", SqliteType.Text),
            cmd.Parameters.Add("@v", SqliteType.Text), cmd.Parameters.Add("@n", SqliteType.Text),
            cmd.Parameters.Add("@qt", SqliteType.Integer), cmd.Parameters.Add("@qc", SqliteType.Integer),
            cmd.Parameters.Add("@rc", SqliteType.Integer), cmd.Parameters.Add("@s", SqliteType.Text),
            cmd.Parameters.Add("@bl", SqliteType.Text), cmd.Parameters.Add("@up", SqliteType.Text),
            cmd.Parameters.Add("@rs", SqliteType.Integer), cmd.Parameters.Add("@d", SqliteType.Integer),
            cmd.Parameters.Add("@e", SqliteType.Integer),
        ];
        cmd.Prepare();
        foreach (QueryLogRow row in rows)
        {
            p[0].Value = ToMicroseconds(row.Time);
            p[1].Value = QueryLogRow.ClientKey(row.Client);
            p[2].Value = row.ClientPort;
            p[3].Value = row.Transport;
            p[4].Value = row.View;
            p[5].Value = row.Name;
            p[6].Value = row.QType;
            p[7].Value = row.QClass;
            p[8].Value = row.Rcode;
            p[9].Value = row.Source;
            p[10].Value = (object?)row.BlockedList ?? DBNull.Value;
            p[11].Value = (object?)row.Upstream ?? DBNull.Value;
            p[12].Value = row.ResponseSize;
            p[13].Value = row.DurationMicroseconds;
            p[14].Value = (object?)row.ExtendedError ?? DBNull.Value;
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
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
