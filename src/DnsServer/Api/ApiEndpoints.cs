using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SplitDns.Server.Api.Auth;
using SplitDns.Server.QueryLog;

namespace SplitDns.Server.Api;

/// <summary>
/// The REST API under /api/v1 (every call needs a token; changes need an admin token) and its
/// OpenAPI document at /openapi/v1.json. Each area maps its own routes onto the group.
/// </summary>
public static class ApiEndpoints
{
    public const string Prefix = "/api/v1";

    public static void Map(WebApplication app)
    {
        ApiSettings settings = app.Services.GetRequiredService<ApiSettings>();
        if (!settings.Enabled)
        {
            return;
        }

        app.MapOpenApi("/openapi/{documentName}.json");
        RouteGroupBuilder api = app.MapGroup(Prefix).RequireAuthorization(ApiRoles.ReadPolicy).WithTags("SplitDns");

        // Unknown /api/v1 routes are a problem, not an empty 404.
        api.MapFallback(() => ApiProblem.NotFound("no such API route"));
        api.MapGet("/whoami", (HttpContext http) => Results.Ok(new WhoAmI(
            http.User.Identity?.Name,
            http.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value,
            http.User.FindFirst("token_name")?.Value))).WithName("WhoAmI").WithSummary("The caller's user, role and token name.");

        QueryLogEndpoint.Map(app, api);
        AuthEndpoints.Map(app, api);
        Technitium.TechnitiumEndpoints.Map(app);
        Operations.OperationsEndpoints.Map(app, api);
        Config.ConfigEndpoints.Map(app, api);
        Zones.ZoneRecordEndpoints.Map(app, api);
    }

    internal sealed record WhoAmI(string? User, string? Role, string? Token);
}
