using Npgsql;
using SplitDns.Server.QueryLog;
using SplitDns.Server.QueryLog.Postgres;

namespace SplitDns.Integration.Tests.QueryLog;

/// <summary>One throwaway PostgreSQL cluster for the query log tests; a database per test.</summary>
public sealed class QueryLogPostgresFixture : IAsyncLifetime
{
    public PostgresCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await PostgresCluster.CreateAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

public sealed class PostgresQueryLogStoreTests(QueryLogPostgresFixture postgres) : QueryLogStoreContractTests, IClassFixture<QueryLogPostgresFixture>
{
    private string _connectionString = "";

    protected override async Task<IQueryLogStore> CreateStoreAsync()
    {
        _connectionString = await postgres.Cluster.CreateDatabaseAsync("qlog");
        return new PostgresQueryLogStore(_connectionString);
    }

    [Fact]
    public async Task Schema_OwnBookkeeping_NeverTheZoneStores()
    {
        // Persisted: the version only grows; the table names are the contract with the zone store's migrations.
        Assert.Equal(1, PostgresQueryLogSchema.CurrentVersion);
        await using var c = new NpgsqlConnection(_connectionString + ";Pooling=false");
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT MAX(version) FROM query_log_schema", c);
        Assert.Equal(1, await cmd.ExecuteScalarAsync());
        cmd.CommandText = "SELECT to_regclass('schema_version') IS NULL";
        Assert.Equal(true, await cmd.ExecuteScalarAsync());
    }
}
