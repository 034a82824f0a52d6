using Microsoft.Data.Sqlite;

namespace SplitDns.ZoneStore.Persistence.Sqlite;

/// <summary>
/// The SQLite schema as an append-only list of migrations; <c>PRAGMA user_version</c> holds
/// how many have run. Never edit a shipped migration: add a new one.
/// </summary>
public static class SqliteSchema
{
    /// <summary>Migration N (1-based) brings the schema from version N-1 to N.</summary>
    public static readonly IReadOnlyList<string> Migrations =
    [
        """
        CREATE TABLE zones (
            id          INTEGER PRIMARY KEY,
            origin_key  BLOB    NOT NULL UNIQUE,   -- lowercased wire name
            origin      TEXT    NOT NULL,          -- presentation, for humans
            serial      INTEGER NOT NULL,
            created_at  TEXT    NOT NULL,
            updated_at  TEXT    NOT NULL
        );
        CREATE TABLE records (
            id          INTEGER PRIMARY KEY,
            zone_id     INTEGER NOT NULL REFERENCES zones(id) ON DELETE CASCADE,
            owner_key   BLOB    NOT NULL,          -- lowercased wire owner (identity)
            owner_wire  BLOB    NOT NULL,          -- owner exactly as received (case kept)
            owner       TEXT    NOT NULL,          -- presentation, for humans
            type        INTEGER NOT NULL,
            class       INTEGER NOT NULL,
            ttl         INTEGER NOT NULL,
            rdata       BLOB    NOT NULL,          -- wire RDATA as received
            rdata_key   BLOB    NOT NULL,          -- canonical RDATA (RFC 4034 §6.2), identity
            rdata_text  TEXT    NOT NULL,          -- presentation, for humans
            provenance  TEXT    NOT NULL CHECK (provenance IN ('file', 'dynamic', 'api')),
            UNIQUE (zone_id, owner_key, type, rdata_key)
        );
        CREATE TABLE journal (
            seq          INTEGER PRIMARY KEY AUTOINCREMENT,
            zone_id      INTEGER NOT NULL REFERENCES zones(id) ON DELETE CASCADE,
            serial_from  INTEGER NOT NULL,
            serial_to    INTEGER NOT NULL,
            time         TEXT    NOT NULL,
            key_name     TEXT,
            client       TEXT,
            provenance   TEXT    NOT NULL,
            deleted      BLOB    NOT NULL,         -- wire RRs, old SOA first
            added        BLOB    NOT NULL,         -- wire RRs, new SOA first
            deleted_text TEXT    NOT NULL,
            added_text   TEXT    NOT NULL
        );
        CREATE INDEX journal_zone_from ON journal (zone_id, serial_from);
        """,
    ];

    public static int CurrentVersion => Migrations.Count;

    /// <summary>Runs the migrations the database has not seen yet, each in its own transaction.</summary>
    public static int Migrate(SqliteConnection connection)
    {
        int version = ReadVersion(connection);
        if (version > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"store schema version {version} is newer than this build knows ({CurrentVersion}); upgrade SplitDns");
        }

        for (int v = version; v < CurrentVersion; v++)
        {
            using SqliteTransaction tx = connection.BeginTransaction();
            using (SqliteCommand cmd = connection.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = Migrations[v] + $"\nPRAGMA user_version = {v + 1};";
                cmd.ExecuteNonQuery();
            }

            tx.Commit();
        }

        return CurrentVersion;
    }

    public static int ReadVersion(SqliteConnection connection)
    {
        using SqliteCommand cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
