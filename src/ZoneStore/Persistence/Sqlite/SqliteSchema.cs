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

        // 2: zones are keyed by (view, origin): split horizon keeps one instance per view. Existing
        // zones become shared ones (view ''). SQLite cannot drop a UNIQUE constraint in place, so
        // the table is rebuilt (https://sqlite.org/lang_altertable.html §7); ids are kept, so
        // records and journal rows still point at their zone. Runs with foreign keys off.
        """
        CREATE TABLE zones_v2 (
            id          INTEGER PRIMARY KEY,
            view        TEXT    NOT NULL DEFAULT '', -- '' = shared by every view
            origin_key  BLOB    NOT NULL,          -- lowercased wire name
            origin      TEXT    NOT NULL,          -- presentation, for humans
            serial      INTEGER NOT NULL,
            created_at  TEXT    NOT NULL,
            updated_at  TEXT    NOT NULL,
            UNIQUE (view, origin_key)
        );
        INSERT INTO zones_v2 (id, view, origin_key, origin, serial, created_at, updated_at)
            SELECT id, '', origin_key, origin, serial, created_at, updated_at FROM zones;
        DROP TABLE zones;
        ALTER TABLE zones_v2 RENAME TO zones;
        """,
    ];

    public static int CurrentVersion => Migrations.Count;

    /// <summary>
    /// Runs the migrations the database has not seen yet, each in its own transaction, with
    /// foreign keys off (a table rebuild must not cascade) and checked before each commit.
    /// </summary>
    public static int Migrate(SqliteConnection connection)
    {
        int version = ReadVersion(connection);
        if (version > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"store schema version {version} is newer than this build knows ({CurrentVersion}); upgrade SplitDns");
        }

        if (version == CurrentVersion)
        {
            return CurrentVersion;
        }

        // PRAGMA foreign_keys is a no-op inside a transaction: switch it outside.
        Execute(connection, null, "PRAGMA foreign_keys = OFF;");
        try
        {
            for (int v = version; v < CurrentVersion; v++)
            {
                using SqliteTransaction tx = connection.BeginTransaction();
                Execute(connection, tx, Migrations[v] + $"\nPRAGMA user_version = {v + 1};");
                using (SqliteCommand check = connection.CreateCommand())
                {
                    check.Transaction = tx;
                    check.CommandText = "PRAGMA foreign_key_check;";
                    using SqliteDataReader r = check.ExecuteReader();
                    if (r.Read())
                    {
                        throw new InvalidOperationException($"store migration {v + 1} left a broken reference in table {r.GetString(0)}");
                    }
                }

                tx.Commit();
            }
        }
        finally
        {
            Execute(connection, null, "PRAGMA foreign_keys = ON;");
        }

        return CurrentVersion;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? tx, string sql)
    {
        using SqliteCommand cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public static int ReadVersion(SqliteConnection connection)
    {
        using SqliteCommand cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
