using Npgsql;

namespace SplitDns.ZoneStore.Persistence.Postgres;

/// <summary>
/// The PostgreSQL schema as an append-only list of migrations; table <c>schema_version</c> has
/// one row per migration that ran. Never edit a shipped migration: add a new one. Replicas
/// starting together migrate under one transaction-scoped advisory lock, so exactly one runs
/// each migration and the others find it done.
/// </summary>
public static class PostgresSchema
{
    /// <summary>The advisory lock key the migrations run under ("SplitDns" in ASCII).</summary>
    public const long MigrationLock = 0x53706c6974446e73;

    /// <summary>Migration N (1-based) brings the schema from version N-1 to N.</summary>
    public static readonly IReadOnlyList<string> Migrations =
    [
        // 1: the SQLite schema (version 2) in PostgreSQL types. A B-tree entry holds at most
        // about 2.7 kB, and RDATA reaches 64 KiB, so the identity of a record is unique on the
        // SHA-256 of its canonical RDATA (a generated column), not on the bytes themselves.
        """
        CREATE TABLE zones (
            id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            view        text        NOT NULL DEFAULT '',   -- '' = shared by every view
            origin_key  bytea       NOT NULL,              -- lowercased wire name
            origin      text        NOT NULL,              -- presentation, for humans
            serial      bigint      NOT NULL CHECK (serial BETWEEN 0 AND 4294967295),
            created_at  timestamptz NOT NULL,
            updated_at  timestamptz NOT NULL,
            UNIQUE (view, origin_key)
        );
        CREATE TABLE records (
            id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            zone_id     bigint      NOT NULL REFERENCES zones(id) ON DELETE CASCADE,
            owner_key   bytea       NOT NULL,              -- lowercased wire owner (identity)
            owner_wire  bytea       NOT NULL,              -- owner exactly as received (case kept)
            owner       text        NOT NULL,              -- presentation, for humans
            type        integer     NOT NULL,
            class       integer     NOT NULL,
            ttl         bigint      NOT NULL,
            rdata       bytea       NOT NULL,              -- wire RDATA as received
            rdata_key   bytea       NOT NULL,              -- canonical RDATA (RFC 4034 §6.2), identity
            rdata_hash  bytea       NOT NULL GENERATED ALWAYS AS (sha256(rdata_key)) STORED,
            rdata_text  text        NOT NULL,              -- presentation, for humans
            provenance  text        NOT NULL CHECK (provenance IN ('file', 'dynamic', 'api')),
            UNIQUE (zone_id, owner_key, type, rdata_hash)
        );
        CREATE TABLE journal (
            seq          bigserial   PRIMARY KEY,
            zone_id      bigint      NOT NULL REFERENCES zones(id) ON DELETE CASCADE,
            serial_from  bigint      NOT NULL,
            serial_to    bigint      NOT NULL,
            time         timestamptz NOT NULL,
            key_name     text,
            client       text,
            provenance   text        NOT NULL,
            deleted      bytea       NOT NULL,             -- wire RRs, old SOA first
            added        bytea       NOT NULL,             -- wire RRs, new SOA first
            deleted_text text        NOT NULL,
            added_text   text        NOT NULL
        );
        CREATE INDEX journal_zone_from ON journal (zone_id, serial_from);
        CREATE INDEX journal_zone_seq ON journal (zone_id, seq);
        """,
    ];

    public static int CurrentVersion => Migrations.Count;

    /// <summary>
    /// Runs the migrations the database has not seen yet, all in one transaction that first
    /// takes <see cref="MigrationLock"/>: a replica that waited on the lock reads the version
    /// after the winner committed, finds nothing left to do, and returns.
    /// </summary>
    public static async Task<int> MigrateAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using NpgsqlTransaction tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await ExecuteAsync(connection, tx, $"SELECT pg_advisory_xact_lock({MigrationLock});", ct).ConfigureAwait(false);
        await ExecuteAsync(connection, tx, """
            CREATE TABLE IF NOT EXISTS schema_version (
                version    integer     PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now()
            );
            """, ct).ConfigureAwait(false);
        int version = await ReadVersionAsync(connection, tx, ct).ConfigureAwait(false);
        if (version > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"store schema version {version} is newer than this build knows ({CurrentVersion}); upgrade SplitDns");
        }

        for (int v = version; v < CurrentVersion; v++)
        {
            await ExecuteAsync(connection, tx, Migrations[v] + $"\nINSERT INTO schema_version (version) VALUES ({v + 1});", ct).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
        return CurrentVersion;
    }

    /// <summary>The schema version (0 for an empty database).</summary>
    public static async Task<int> ReadVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT to_regclass('schema_version') IS NOT NULL;", connection, tx);
        if (!(bool)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!)
        {
            return 0;
        }

        cmd.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
        return (int)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
