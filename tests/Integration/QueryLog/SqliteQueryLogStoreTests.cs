using Microsoft.Data.Sqlite;
using SplitDns.Server.QueryLog;
using SplitDns.Server.QueryLog.Sqlite;

namespace SplitDns.Integration.Tests.QueryLog;

public sealed class SqliteQueryLogStoreTests : QueryLogStoreContractTests, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("splitdns-qlog-").FullName;

    private string DbPath => Path.Combine(_dir, "data", "querylog.db");

    protected override Task<IQueryLogStore> CreateStoreAsync() => Task.FromResult<IQueryLogStore>(new SqliteQueryLogStore(DbPath));

    [Fact]
    public void Schema_VersionAndPragmas_AreGolden()
    {
        // Persisted: the schema version only grows (append-only migrations).
        Assert.Equal(1, SqliteQueryLogSchema.CurrentVersion);
        using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=false");
        connection.Open();
        using SqliteCommand cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", cmd.ExecuteScalar());
        cmd.CommandText = "PRAGMA user_version;";
        Assert.Equal(1L, cmd.ExecuteScalar());
    }

    [Fact]
    public async Task Initialize_PathUnderAFile_Throws()
    {
        string file = Path.Combine(_dir, "not-a-folder");
        File.WriteAllText(file, "");
        await using var store = new SqliteQueryLogStore(Path.Combine(file, "querylog.db"));

        await Assert.ThrowsAnyAsync<IOException>(() => store.InitializeAsync(default));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
