using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using SplitDns.Server.Admin;
using SplitDns.Server.Api.Auth;
using SplitDns.Server.Api.Operations;
using SplitDns.Server.Updates;

namespace SplitDns.Server.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// Registers the admin store, accounts, token authentication, the read/admin policies,
    /// problem details and the OpenAPI document.
    /// </summary>
    public static IServiceCollection AddApi(this IServiceCollection services, ApiSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<IAdminStore>(_ => OpenAdminStore(settings));
        services.AddAuthApi();
        services.AddOperationsApi();
        services.AddProblemDetails();
        services.AddApiHttpJson();
        Config.ConfigServiceCollectionExtensions.AddConfigApi(services);
        Zones.ZonesServiceCollectionExtensions.AddZonesApi(services);
        services.AddOpenApi();
        services.AddAuthentication(TokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiRoles.ReadPolicy, p => p.RequireAuthenticatedUser().RequireRole(ApiRoles.Admin, ApiRoles.Reader))
            .AddPolicy(ApiRoles.AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(ApiRoles.Admin));
        return services;
    }

    /// <summary>
    /// The zone store's database holds the admin objects too; without a store they live in memory.
    /// Nothing is contacted here: the table is created on the first connection that succeeds, so a
    /// PostgreSQL database that is down at start-up costs the API its calls (503), never the start.
    /// </summary>
    private static IAdminStore OpenAdminStore(ApiSettings settings) =>
        settings.Provider == StoreProvider.Postgres ? new PostgresAdminStore(settings.ConnectionString)
            : settings.StorePath.Length > 0 ? new SqliteAdminStore(settings.StorePath)
            : new MemoryAdminStore();
}
