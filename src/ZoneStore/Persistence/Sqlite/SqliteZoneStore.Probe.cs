using Microsoft.Data.Sqlite;

namespace SplitDns.ZoneStore.Persistence.Sqlite;

public sealed partial class SqliteZoneStore
{
    /// <summary>
    /// Checks, without writing anything, that <paramref name="path"/> can serve as the store: an
    /// existing file must be an SQLite database whose schema this build knows; a missing file
    /// must be creatable (no file stands where a folder of its path should be). Returns the
    /// problem, or null when there is none.
    /// </summary>
    public static string? Probe(string path)
    {
        if (Directory.Exists(path))
        {
            return $"'{path}' is a directory, not a database file";
        }

        if (!File.Exists(path))
        {
            for (string? dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)); dir is not null; dir = System.IO.Path.GetDirectoryName(dir))
            {
                if (File.Exists(dir))
                {
                    return $"cannot create '{path}': '{dir}' is a file, not a folder";
                }

                if (Directory.Exists(dir))
                {
                    return null;
                }
            }

            return null;
        }

        InitializeSqlite();
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = false,
            }.ToString());
            connection.Open();
            int version = SqliteSchema.ReadVersion(connection);
            using (SqliteCommand cmd = connection.CreateCommand())
            {
                // Reading the schema fails on a file that is not a database ("file is not a database").
                cmd.CommandText = "SELECT COUNT(*) FROM sqlite_master;";
                cmd.ExecuteScalar();
            }

            return version > SqliteSchema.CurrentVersion
                ? $"'{path}' has store schema version {version}, newer than this build knows ({SqliteSchema.CurrentVersion}); upgrade SplitDns"
                : null;
        }
        catch (SqliteException ex)
        {
            return $"cannot open '{path}': {ex.Message}";
        }
    }
}
