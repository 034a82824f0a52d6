using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace SplitDns.Server.Admin;

/// <summary>
/// The admin objects in the zone store's SQLite file (its own table, created when missing), with
/// the zone store's durability: WAL and <c>synchronous=FULL</c>, so a token or key the API
/// acknowledged survives a power cut.
/// </summary>
public sealed class SqliteAdminStore : DbAdminStore
{
    private readonly string _path;
    private readonly string _connectionString;

    public SqliteAdminStore(string path)
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

    protected override string InsertIfAbsentSql =>
        "INSERT INTO admin_objects (kind, name, body, updated_us) VALUES (@kind, @name, @body, @updated) ON CONFLICT (kind, name) DO NOTHING";

    protected override string UpsertSql =>
        "INSERT INTO admin_objects (kind, name, body, updated_us) VALUES (@kind, @name, @body, @updated) " +
        "ON CONFLICT (kind, name) DO UPDATE SET body = excluded.body, updated_us = excluded.updated_us";

    protected override async Task CreateTableAsync(DbConnection connection, CancellationToken ct)
    {
        await using DbCommand cmd = connection.CreateCommand();
        cmd.CommandText = """
            CREATE TABLE IF NOT EXISTS admin_objects (
                kind       TEXT    NOT NULL,
                name       TEXT    NOT NULL,
                body       TEXT    NOT NULL,
                updated_us INTEGER NOT NULL,
                PRIMARY KEY (kind, name)
            );
            """;
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        if (Path.GetDirectoryName(_path) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using SqliteCommand pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;";
        await pragma.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        return connection;
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
