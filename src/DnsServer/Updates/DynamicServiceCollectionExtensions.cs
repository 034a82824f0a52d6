using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SplitDns.Server.Hosting;
using SplitDns.Server.Processing;
using SplitDns.Server.Zones;
using SplitDns.ZoneStore.Persistence;
using SplitDns.ZoneStore.Persistence.Postgres;
using SplitDns.ZoneStore.Persistence.Sqlite;
using SplitDns.ZoneStore.Writing;
using Microsoft.Extensions.Logging;

namespace SplitDns.Server.Updates;

public static class DynamicServiceCollectionExtensions
{
    /// <summary>
    /// Registers the store (when configured), the write path, and the UPDATE, transfer and NOTIFY
    /// handlers. The store is opened and migrated here, before zones load.
    /// </summary>
    public static IServiceCollection AddDynamicZones(this IServiceCollection services, DynamicSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton(sp => new StoreHealth(settings.StoreEnabled, sp.GetRequiredService<ILoggerFactory>().CreateLogger("SplitDns.Store")));
        if (settings.StoreEnabled)
        {
            services.AddSingleton<IZoneStore>(sp => OpenStore(settings, sp.GetRequiredService<StoreHealth>()));
        }

        if (settings.Provider == StoreProvider.Postgres)
        {
            // Other replicas commit too: follow them through LISTEN/NOTIFY and the journal.
            services.AddSingleton(sp => ((PostgresZoneStore)sp.GetRequiredService<IZoneStore>())
                .CreateChangeFeed(sp.GetRequiredService<ILoggerFactory>().CreateLogger("SplitDns.Store.Feed")));
            services.AddHostedService<StoreFollower>();
        }

        if (settings.SnapshotCachePath.Length > 0)
        {
            services.AddSingleton(new SnapshotCache(settings.SnapshotCachePath));
            services.AddSingleton<SnapshotCacheWriter>();
            services.AddHostedService(sp => sp.GetRequiredService<SnapshotCacheWriter>());
        }

        services.AddSingleton(sp =>
        {
            var metrics = new UpdateMetrics(settings.Zones.Keys.Select(k => k.ToString()), settings.StoreEnabled);
            metrics.Observe(sp.GetRequiredService<StoreHealth>());
            return metrics;
        });
        services.AddSingleton(sp =>
        {
            var writer = new ZoneWriter(settings.Serial, sp.GetRequiredService<ZoneStore.Memory.ZoneCatalog>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<ZoneWriter>(), sp.GetService<IZoneStore>());
            UpdateMetrics metrics = sp.GetRequiredService<UpdateMetrics>();
            StoreHealth health = sp.GetRequiredService<StoreHealth>();
            writer.JournalLengthChanged += (zone, rows) => metrics.JournalLength(zone.ToString(), rows);
            writer.Committed += _ => health.ReportUp();
            writer.CaughtUp += (zone, rows, committed) =>
                metrics.CaughtUp(zone.ToString(), rows, (DateTimeOffset.UtcNow - committed).TotalSeconds);
            return writer;
        });
        services.AddSingleton<DynamicZones>();
        services.AddSingleton(sp => new Guard.MassDeletionGuard(settings.MassDeletionGuard, sp.GetService<Admin.IAdminStore>(),
            sp.GetRequiredService<UpdateMetrics>().Meter, sp.GetRequiredService<ILogger<Guard.MassDeletionGuard>>()));
        services.AddSingleton<NotifySender>();
        services.AddHostedService(sp => sp.GetRequiredService<NotifySender>());
        services.AddDnsMessageHandler<UpdateHandler>(MessageKind.Update);
        services.AddSingleton<TransferQuota>();
        services.AddDnsMessageHandler<TransferHandler>(MessageKind.Transfer);
        services.AddDnsMessageHandler<NotifyHandler>(MessageKind.Notify);
        return services;
    }

    /// <summary>
    /// Opens and migrates the store. A store that cannot be opened (permissions, a disk full, a
    /// newer schema) is a configuration error that names the key, like every other one, not a crash.
    /// </summary>
    private static IZoneStore OpenStore(DynamicSettings settings, StoreHealth health)
    {
        if (settings.Provider == StoreProvider.Postgres)
        {
            return OpenPostgres(settings, health);
        }

        var store = new SqliteZoneStore(settings.StorePath, settings.JournalLimit);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(settings.StorePath)!);
            store.InitializeAsync(default).GetAwaiter().GetResult();
            health.SchemaReady = true;
            return store;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw new ServerConfigurationException([$"{StartupSettings.StorePathKey}: cannot open '{settings.StorePath}': {ex.Message}"]);
        }
    }

    /// <summary>
    /// Opens the shared store and migrates its schema. A database that cannot be reached is not
    /// a reason to stop: the replica serves its snapshot cache and <see cref="StoreFollower"/>
    /// migrates and reconciles once the database answers. A database that answers with a newer
    /// schema, or refuses the credentials, is a configuration error.
    /// </summary>
    private static PostgresZoneStore OpenPostgres(DynamicSettings settings, StoreHealth health)
    {
        var store = new PostgresZoneStore(settings.ConnectionString, settings.JournalLimit);
        try
        {
            store.InitializeAsync(default).GetAwaiter().GetResult();
            health.SchemaReady = true;
        }
        catch (ZoneStoreUnavailableException ex)
        {
            health.ReportDown(ex.Message);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException)
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw new ServerConfigurationException([$"SplitDns:Store:ConnectionString: {store.Server}: {ex.Message}"]);
        }

        return store;
    }
}
