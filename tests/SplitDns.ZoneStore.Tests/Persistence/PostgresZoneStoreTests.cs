using Npgsql;
using SplitDns.Tests.Shared;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Persistence;
using SplitDns.ZoneStore.Persistence.Postgres;
using static SplitDns.ZoneStore.Tests.TestRecords;

namespace SplitDns.ZoneStore.Tests.Persistence;

/// <summary>What only the PostgreSQL store has: its schema, replicas sharing one database, outages.</summary>
[Collection(PostgresCollection.Name)]
public sealed partial class PostgresZoneStoreTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly DateTimeOffset s_now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly List<IAsyncDisposable> _owned = [];
    private string _connectionString = "";

    private PostgresCluster Cluster => postgres.Cluster;

    public async Task InitializeAsync() => _connectionString = await Cluster.CreateDatabaseAsync("pg");

    public async Task DisposeAsync()
    {
        foreach (IAsyncDisposable d in _owned)
        {
            await d.DisposeAsync();
        }
    }

    private PostgresZoneStore NewStore(int journalLimit = 10_000)
    {
        var store = new PostgresZoneStore(_connectionString, journalLimit, connectTimeout: TimeSpan.FromSeconds(3));
        _owned.Add(store);
        return store;
    }

    private async Task<PostgresZoneStore> OpenStoreAsync()
    {
        PostgresZoneStore store = NewStore();
        await store.InitializeAsync(default);
        return store;
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var c = new NpgsqlConnection(_connectionString + ";Pooling=false");
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public void Schema_CurrentVersionAndNotifyForm_AreAppendOnlyGolden()
    {
        // Persisted (schema) and read across builds (payload): never change, only append.
        Assert.Equal(1, PostgresSchema.CurrentVersion);
        Assert.Equal("splitdns_zones", ZoneChangeNotification.Channel);
        Assert.Equal("/example.com. 100", ZoneChangeNotification.Format(Origin, 100));
        Assert.Equal("tailscale/example.com. 4294967295", ZoneChangeNotification.Format(new ZoneKey("tailscale", Origin), uint.MaxValue));
    }

    [Fact]
    public async Task Initialize_ThreeInstancesAtOnce_SchemaCreatedOnce()
    {
        PostgresZoneStore[] stores = [NewStore(), NewStore(), NewStore()];

        await Task.WhenAll(stores.Select(s => s.InitializeAsync(default)));

        Assert.Equal(1L, await ScalarAsync<long>("SELECT COUNT(*) FROM schema_version;"));
        Assert.Equal(PostgresSchema.CurrentVersion, await ScalarAsync<int>("SELECT MAX(version) FROM schema_version;"));
        await stores[2].InitializeAsync(default);
        Assert.Equal(ReconcileStatus.Created, (await stores[0].ReconcileFileAsync(Origin, Zone(), s_now, default)).Status);
        Assert.Equal(100u, await stores[1].GetSerialAsync(Origin, default));
    }

    [Fact]
    public async Task Initialize_SchemaNewerThanBuild_ThrowsInvalidOperation()
    {
        await OpenStoreAsync();
        await ScalarAsync<int>("INSERT INTO schema_version (version) VALUES (99) RETURNING version;");

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => NewStore().InitializeAsync(default));

        Assert.Contains("schema version 99 is newer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionString_FromSecretFile_OpensTheStore()
    {
        string file = Path.Combine(Cluster.Folder, $"secret-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(file, _connectionString + "\n");

        string? resolved = PostgresConnectionString.Resolve(null, file, out string? error);

        Assert.Null(error);
        Assert.Equal(_connectionString, resolved);
        await using var store = new PostgresZoneStore(resolved!);
        await store.InitializeAsync(default);
        await store.ReconcileFileAsync(Origin, Zone(), s_now, default);
        Assert.Equal([ZoneKey.Shared(Origin)], await store.ListZonesAsync(default));
        Assert.Equal($"127.0.0.1:{Cluster.Port}/{new NpgsqlConnectionStringBuilder(_connectionString).Database}", store.Server);
    }
}
