using System.Data.Common;
using Npgsql;

namespace SplitDns.Server.Admin;

/// <summary>
/// The admin objects as table <c>admin_objects</c> in the zone store's PostgreSQL database, shared
/// by every replica (each replica reads it when it needs it; nothing is cached across replicas).
/// </summary>
public sealed class PostgresAdminStore : DbAdminStore
{
    private readonly NpgsqlDataSource _source;

    public PostgresAdminStore(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "splitdns-admin" };
        Description = $"{builder.Host}:{builder.Port}/{builder.Database}";
        _source = NpgsqlDataSource.Create(builder.ToString());
    }

    public override string Description { get; }

    protected override string InsertIfAbsentSql =>
        "INSERT INTO admin_objects (kind, name, body, updated_us) VALUES (@kind, @name, @body, @updated) ON CONFLICT (kind, name) DO NOTHING";

    protected override string UpsertSql =>
        "INSERT INTO admin_objects (kind, name, body, updated_us) VALUES (@kind, @name, @body, @updated) " +
        "ON CONFLICT (kind, name) DO UPDATE SET body = excluded.body, updated_us = excluded.updated_us";

    protected override async Task CreateTableAsync(DbConnection db, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db;
        // Replicas starting together would race on CREATE TABLE IF NOT EXISTS: serialize them.
        await using NpgsqlTransaction tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using NpgsqlCommand cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            SELECT pg_advisory_xact_lock(hashtext('splitdns.admin_objects'));
            CREATE TABLE IF NOT EXISTS admin_objects (
                kind       text   NOT NULL,
                name       text   NOT NULL,
                body       text   NOT NULL,
                updated_us bigint NOT NULL,
                PRIMARY KEY (kind, name)
            );
            """;
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken ct) =>
        await _source.OpenConnectionAsync(ct).ConfigureAwait(false);

    public override ValueTask DisposeAsync() => _source.DisposeAsync();
}
