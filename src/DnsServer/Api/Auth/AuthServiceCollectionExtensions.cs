using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SplitDns.Server.Admin;

namespace SplitDns.Server.Api.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// Stored accounts (the registered <see cref="IApiAccounts"/>), the login throttle and the
    /// first-start bootstrap token. A registered <see cref="TimeProvider"/> is the clock (tests).
    /// </summary>
    public static IServiceCollection AddAuthApi(this IServiceCollection services)
    {
        services.AddSingleton(sp => new StoredAccounts(sp.GetRequiredService<ApiSettings>(), sp.GetRequiredService<IAdminStore>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<ILogger<StoredAccounts>>()));
        services.AddSingleton<IApiAccounts>(sp => sp.GetRequiredService<StoredAccounts>());
        services.AddSingleton(sp => new LoginThrottle(sp.GetRequiredService<ApiSettings>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddHostedService<AdminBootstrap>();
        return services;
    }
}
