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
        var lists = catalog.Lists.Select(l => new BlocklistJson(
            l.Name,
            l.Source,
            l.Entries,
            l.InvalidLines,
            l.LastSuccess?.UtcDateTime,
            l.LastAttempt?.UtcDateTime,
            l.LastError,
            views.Views
                .Where(v => v.Blocking is not null && v.Settings.Blocking.Lists.Contains(l.Name, StringComparer.OrdinalIgnoreCase))
                .Select(v => v.Name).ToList())).ToList();
        var blocking = views.Views.Where(v => v.Blocking is not null)
            .Select(v => new ViewsEndpoints.ViewBlocking(v.Name, control.DisabledUntil(v.Name)?.UtcDateTime)).ToList();
        return Results.Json(new BlocklistsJson(lists, blocking), ApiJson.Options.Info<BlocklistsJson>());
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
        return Results.Json(new RefreshJson(state.Name, state.Entries, Outcome(outcome.Result), outcome.Error),
            ApiJson.Options.Info<RefreshJson>());
    }

    private static string Outcome(RefreshResult result) => result switch
    {
        RefreshResult.Updated => "updated",
        RefreshResult.NotModified => "not_modified",
        _ => "failed",
    };

    internal sealed record BlocklistsJson(List<BlocklistJson> Lists, List<ViewsEndpoints.ViewBlocking> Views);

    internal sealed record BlocklistJson(string Name, string Source, int Entries, int InvalidLines, DateTime? LastRefresh,
        DateTime? LastAttempt, string? LastError, List<string> Views);

    internal sealed record RefreshJson(string Name, int Entries, string Outcome, string? Error);
}
