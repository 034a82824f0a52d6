namespace SplitDns.Integration.Tests.QueryLog;

/// <summary>Zones and the query log on a throwaway PostgreSQL cluster, which the test stops and starts.</summary>
public sealed class PostgresQueryLogServerFixture : QueryLogServerFixture
{
    private string _connectionString = "";

    public PostgresCluster Cluster { get; private set; } = null!;

    protected override IEnumerable<string> StoreArgs =>
    [
        "--SplitDns:Store:Provider=Postgres",
        $"--SplitDns:Store:ConnectionString={_connectionString}",
        $"--SplitDns:Store:SnapshotCache={Folder}/snapshot-cache",
    ];

    protected override IEnumerable<string> QueryLogArgs =>
    [
        "--SplitDns:QueryLog:Enabled=true",
        "--SplitDns:QueryLog:FlushIntervalMilliseconds=50",
    ];

    public override async Task InitializeAsync()
    {
        Cluster = await PostgresCluster.CreateAsync();
        _connectionString = await Cluster.CreateDatabaseAsync("qlogsrv");
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}
