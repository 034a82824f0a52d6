namespace SplitDns.Integration.Tests.QueryLog;

/// <summary>One throwaway PostgreSQL cluster for the query log tests; a database per test.</summary>
public sealed class QueryLogPostgresFixture : IAsyncLifetime
{
    public PostgresCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await PostgresCluster.CreateAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
