using SplitDns.ZoneStore.Persistence;
using SplitDns.ZoneStore.Persistence.Postgres;

namespace SplitDns.ZoneStore.Tests.Persistence;

/// <summary>The store contract on PostgreSQL: one new database per test, on the run's shared cluster.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresZoneStoreContractTests(PostgresFixture postgres) : ZoneStoreContractTests
{
    private string _connectionString = "";

    protected override async Task CreateBackingAsync() => _connectionString = await postgres.Cluster.CreateDatabaseAsync("contract");

    protected override IZoneStore OpenStore(int journalLimit) => new PostgresZoneStore(_connectionString, journalLimit);

    protected override Task DeleteBackingAsync() => Task.CompletedTask;
}
