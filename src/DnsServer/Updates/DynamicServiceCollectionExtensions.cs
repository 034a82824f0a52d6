using Microsoft.Extensions.DependencyInjection;
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
            services.AddSingleton<IZoneStore>(_ =>
            {
                Directory.CreateDirectory(Path.GetDirectoryName(settings.StorePath)!);
                var store = new SqliteZoneStore(settings.StorePath, settings.JournalLimit);
                store.InitializeAsync(default).GetAwaiter().GetResult();
                return store;
            });
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
}
