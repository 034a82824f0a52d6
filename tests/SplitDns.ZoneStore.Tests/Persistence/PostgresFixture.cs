using SplitDns.Tests.Shared;

namespace SplitDns.ZoneStore.Tests.Persistence;

/// <summary>
/// One throwaway PostgreSQL cluster for every PostgreSQL test of the run (initdb once). The
/// tests share the <see cref="PostgresCollection"/>, so they run one class at a time: the outage
/// tests stop and restart the cluster without pulling it from under another test.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await PostgresCluster.CreateAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
