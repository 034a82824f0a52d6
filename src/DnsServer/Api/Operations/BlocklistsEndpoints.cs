using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SplitDns.Blocking;
using SplitDns.Server.Blocking;
using SplitDns.Server.Views;

namespace SplitDns.Server.Api.Operations;

/// <summary>GET /api/v1/blocklists (any role) and POST /api/v1/blocklists/{name}/refresh (admin).</summary>
public static class BlocklistsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/blocklists", (BlocklistCatalog catalog, ViewTable views, BlockingControl control) => List(catalog, views, control))
            .WithName("ListBlocklists").WithSummary("Every blocklist (source, entries, last refresh and error, views using it) and each blocking view's switch-off.");
        api.MapPost("/blocklists/{name}/refresh", (string name, BlocklistCatalog catalog, HttpContext http) => RefreshAsync(name, catalog, http))
            .RequireAuthorization(Auth.ApiRoles.AdminPolicy)
            .WithName("RefreshBlocklist").WithSummary("Downloads (URL) or re-reads (file) one blocklist now; the index is rebuilt when it changed.");
    }

    private static IResult List(BlocklistCatalog catalog, ViewTable views, BlockingControl control)
    {
        var lists = catalog.Lists.Select(l => new
        {
            name = l.Name,
            source = l.Source,
            entries = l.Entries,
            invalid_lines = l.InvalidLines,
            last_refresh = l.LastSuccess?.UtcDateTime,
            last_attempt = l.LastAttempt?.UtcDateTime,
            last_error = l.LastError,
            views = views.Views
                .Where(v => v.Blocking is not null && v.Settings.Blocking.Lists.Contains(l.Name, StringComparer.OrdinalIgnoreCase))
                .Select(v => v.Name).ToList(),
        }).ToList();
        var blocking = views.Views.Where(v => v.Blocking is not null)
            .Select(v => new { view = v.Name, disabled_until = control.DisabledUntil(v.Name)?.UtcDateTime }).ToList();
        return Results.Json(new { lists, views = blocking }, ApiJson.Options);
    }

    private static async Task<IResult> RefreshAsync(string name, BlocklistCatalog catalog, HttpContext http)
    {
        if (catalog.IndexOf(name) < 0)
        {
            return ApiProblem.NotFound($"no blocklist is named '{name}'");
        }

        IReadOnlyList<RefreshOutcome> outcomes = await catalog.RefreshAsync(name, http.RequestAborted).ConfigureAwait(false);
        RefreshOutcome outcome = outcomes[0];
        BlocklistState state = catalog.Lists[catalog.IndexOf(name)];
        return Results.Json(new
        {
            name = state.Name,
            entries = state.Entries,
            outcome = Outcome(outcome.Result),
            error = outcome.Error,
        }, ApiJson.Options);
    }

    private static string Outcome(RefreshResult result) => result switch
    {
        RefreshResult.Updated => "updated",
        RefreshResult.NotModified => "not_modified",
        _ => "failed",
    };
}
