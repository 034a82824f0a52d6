using Npgsql;
using SplitDns.Server.QueryLog;
using SplitDns.Server.QueryLog.Postgres;

namespace SplitDns.Integration.Tests.QueryLog;

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
