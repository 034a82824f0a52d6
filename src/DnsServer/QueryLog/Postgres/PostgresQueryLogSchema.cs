using Npgsql;

namespace SplitDns.Server.QueryLog.Postgres;

/// <summary>
/// The query log's tables in the zone store's PostgreSQL database, with their own bookkeeping:
/// table <c>query_log_schema</c> (one row per migration) and their own advisory lock, so they
/// never collide with the zone store's <c>schema_version</c> and its migrations. Append only.
/// </summary>
public static class PostgresQueryLogSchema
{
    /// <summary>The advisory lock the migrations run under ("SDnsQLog" in ASCII).</summary>
    public const long MigrationLock = 0x53446e73514c6f67;

    public static readonly IReadOnlyList<string> Migrations =
    [
        // 1: as in SQLite (time in microseconds since the Unix epoch: to_timestamp(time_us / 1e6)
        // reads it), bigint identity ids, the client as 16 bytes of bytea.
        """
        CREATE TABLE query_log (
            id            bigint   GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            time_us       bigint   NOT NULL,
            client        bytea    NOT NULL,
            client_port   integer  NOT NULL,
            transport     text     NOT NULL,
            view          text     NOT NULL,
            name          text     NOT NULL,
            qtype         integer  NOT NULL,
            qclass        integer  NOT NULL,
            rcode         integer  NOT NULL,
            source        text     NOT NULL,
            blocked_list  text,
            upstream      text,
            response_size integer  NOT NULL,
            duration_us   integer  NOT NULL,
            ede           integer
        );
        CREATE INDEX query_log_time ON query_log (time_us);
        CREATE INDEX query_log_client ON query_log (client);
        CREATE INDEX query_log_name ON query_log (name);
        """,
    ];

    public static int CurrentVersion => Migrations.Count;

    /// <summary>Runs the missing migrations in one transaction under <see cref="MigrationLock"/>.</summary>
    public static async Task MigrateAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using NpgsqlTransaction tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand($"""
            SELECT pg_advisory_xact_lock({MigrationLock});
            CREATE TABLE IF NOT EXISTS query_log_schema (
                version    integer     PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now()
            );
            """, connection, tx);
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        cmd.CommandText = "SELECT COALESCE(MAX(version), 0) FROM query_log_schema;";
        int version = (int)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        if (version > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"query log schema version {version} is newer than this build knows ({CurrentVersion}); upgrade SplitDns");
        }

        for (int v = version; v < CurrentVersion; v++)
        {
            cmd.CommandText = Migrations[v] + $"\nINSERT INTO query_log_schema (version) VALUES ({v + 1});";
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
    }
}
