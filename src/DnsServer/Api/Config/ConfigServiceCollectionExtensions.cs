using Microsoft.Extensions.DependencyInjection;
using SplitDns.Server.Views;

namespace SplitDns.Server.Api.Config;

public static class ConfigServiceCollectionExtensions
{
    /// <summary>Registers runtime configuration: forwarder routing, the zone, forwarder and TSIG key services, and their follower.</summary>
    public static IServiceCollection AddConfigApi(this IServiceCollection services)
    {
        services.AddSingleton<ForwarderRouting>();
        services.AddSingleton<ZoneAdmin>();
        services.AddSingleton<ForwarderAdmin>();
        services.AddSingleton<TsigKeyAdmin>();
        services.AddSingleton<ConfigFollower>();
        services.AddHostedService(sp => sp.GetRequiredService<ConfigFollower>());
        return services;
    }
}
