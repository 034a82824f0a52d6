using Microsoft.Data.Sqlite;
using SplitDns.ZoneStore.Persistence;
using SplitDns.ZoneStore.Persistence.Sqlite;

namespace SplitDns.ZoneStore.Tests.Persistence;

/// <summary>The store contract on SQLite: one new database file per test.</summary>
public sealed class SqliteZoneStoreContractTests : ZoneStoreContractTests
{
    private string _dir = "";

    protected override Task CreateBackingAsync()
    {
        _dir = Directory.CreateTempSubdirectory("splitdns-store-").FullName;
        return Task.CompletedTask;
    }

    protected override IZoneStore OpenStore(int journalLimit) => new SqliteZoneStore(Path.Combine(_dir, "zones.db"), journalLimit);

    protected override Task DeleteBackingAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }
}
