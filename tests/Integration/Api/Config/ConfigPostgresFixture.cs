using SplitDns.Tests.Shared;

namespace SplitDns.Integration.Tests.Api.Config;

/// <summary>One throwaway PostgreSQL cluster for the runtime configuration replica tests.</summary>
public sealed class ConfigPostgresFixture : IAsyncLifetime
{
    public PostgresCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await PostgresCluster.CreateAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
