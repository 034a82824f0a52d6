using Microsoft.Extensions.DependencyInjection;

namespace SplitDns.Server.Api.Zones;

public static class ZonesServiceCollectionExtensions
{
    /// <summary>Registers <see cref="RecordEditor"/>.</summary>
    public static IServiceCollection AddZonesApi(this IServiceCollection services)
    {
        services.AddSingleton<RecordEditor>();
        return services;
    }
}
