using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SplitDns.Server.Hosting;
using SplitDns.Server.Processing;
using SplitDns.Server.Zones;
using SplitDns.ZoneStore.Persistence;
using SplitDns.ZoneStore.Persistence.Sqlite;

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
        if (settings.StoreEnabled)
        {
            services.AddSingleton<IZoneStore>(_ => OpenStore(settings));
        }

        services.AddSingleton<UpdateMetrics>();
        services.AddSingleton(sp => new ZoneWriter(settings, sp.GetRequiredService<ZoneStore.Memory.ZoneCatalog>(),
            sp.GetRequiredService<UpdateMetrics>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ZoneWriter>>(),
            sp.GetService<IZoneStore>()));
        services.AddSingleton<IZoneFileReconciler>(sp => sp.GetRequiredService<ZoneWriter>());
        services.AddSingleton<DynamicZones>();
        services.AddSingleton<NotifySender>();
        services.AddHostedService(sp => sp.GetRequiredService<NotifySender>());
        services.AddDnsMessageHandler<UpdateHandler>(MessageKind.Update);
        services.AddDnsMessageHandler<TransferHandler>(MessageKind.Transfer);
        services.AddDnsMessageHandler<NotifyHandler>(MessageKind.Notify);
        return services;
    }

    /// <summary>
    /// Opens and migrates the store. A store that cannot be opened (permissions, a disk full, a
    /// newer schema) is a configuration error that names the key, like every other one, not a crash.
    /// </summary>
    private static SqliteZoneStore OpenStore(DynamicSettings settings)
    {
        var store = new SqliteZoneStore(settings.StorePath, settings.JournalLimit);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(settings.StorePath)!);
            store.InitializeAsync(default).GetAwaiter().GetResult();
            return store;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw new ServerConfigurationException([$"{StartupSettings.StorePathKey}: cannot open '{settings.StorePath}': {ex.Message}"]);
        }
    }
}
