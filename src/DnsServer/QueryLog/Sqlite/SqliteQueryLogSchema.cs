using Microsoft.Data.Sqlite;

namespace SplitDns.Server.QueryLog.Sqlite;

/// <summary>
/// The query log's SQLite schema, in its own file: an append-only list of migrations with
/// <c>PRAGMA user_version</c> counting those that ran (as the zone store does in its file).
/// Never edit a shipped migration: add one.
/// </summary>
public static class SqliteQueryLogSchema
{
    public static readonly IReadOnlyList<string> Migrations =
    [
        // 1: one row per logged query. Time in microseconds since the Unix epoch (UTC); the client
        // as 16 bytes (IPv4 as ::ffff:a.b.c.d) so a prefix search is one BLOB range; names
        // lowercased with the final dot. Indexes serve the time range, client and name searches.
        """
        CREATE TABLE query_log (
            id            INTEGER PRIMARY KEY,
            time_us       INTEGER NOT NULL,
            client        BLOB    NOT NULL,
            client_port   INTEGER NOT NULL,
            transport     TEXT    NOT NULL,
            view          TEXT    NOT NULL,
            name          TEXT    NOT NULL,
            qtype         INTEGER NOT NULL,
            qclass        INTEGER NOT NULL,
            rcode         INTEGER NOT NULL,
            source        TEXT    NOT NULL,
            blocked_list  TEXT,
            upstream      TEXT,
            response_size INTEGER NOT NULL,
            duration_us   INTEGER NOT NULL,
            ede           INTEGER
        );
        CREATE INDEX query_log_time ON query_log (time_us);
        CREATE INDEX query_log_client ON query_log (client);
        CREATE INDEX query_log_name ON query_log (name);
        """,
    ];

    public static int CurrentVersion => Migrations.Count;

    /// <summary>
    /// Runs the migrations the file has not seen, each in its own IMMEDIATE transaction that reads
    /// the version first: a second connection migrating at the same time waits, then finds it done.
    /// </summary>
    public static void Migrate(SqliteConnection connection)
    {
        for (int step = 0; step <= CurrentVersion; step++)
        {
            using SqliteTransaction tx = connection.BeginTransaction(deferred: false);
            using SqliteCommand cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "PRAGMA user_version;";
            int version = Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            if (version > CurrentVersion)
            {
                throw new InvalidOperationException(
                    $"query log schema version {version} is newer than this build knows ({CurrentVersion}); upgrade SplitDns");
            }

            if (version == CurrentVersion)
            {
                return;
            }

            cmd.CommandText = Migrations[version] + $"\nPRAGMA user_version = {version + 1};";
            cmd.ExecuteNonQuery();
            tx.Commit();
        }
    }
}
