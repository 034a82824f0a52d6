using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SplitDns.Server.Blocking;
using SplitDns.Server.Views;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.Server.Api.Operations;

/// <summary>
/// GET /api/v1/views (any role), and switching a view's blocking off for N minutes or back on
/// (POST /api/v1/views/{view}/blocking/disable|enable, admin).
/// </summary>
public static class ViewsEndpoints
{
    public const int MaxDisableMinutes = 1440;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/views", (ViewTable views) => Results.Json(new ViewList(views.Views.Select(Describe).ToList()), ApiJson.Options.Info<ViewList>()))
            .WithName("ListViews").WithSummary("The views in match order: networks, listeners, recursion, blocking, zones.");
        api.MapPost("/views/{view}/blocking/disable", async (string view, HttpContext http, ViewTable views, BlockingControl control) =>
                Disable(view, await ReadMinutesAsync(http).ConfigureAwait(false), views, control))
            .Accepts<DisableRequest>("application/json")
            .RequireAuthorization(Auth.ApiRoles.AdminPolicy)
            .WithName("DisableBlocking").WithSummary("Switches a view's blocking off for 1 to 1440 minutes.");
        api.MapPost("/views/{view}/blocking/enable", (string view, ViewTable views, BlockingControl control) => Enable(view, views, control))
            .RequireAuthorization(Auth.ApiRoles.AdminPolicy)
            .WithName("EnableBlocking").WithSummary("Switches a view's blocking back on now.");
    }

    /// <summary>The body of POST .../blocking/disable.</summary>
    public sealed record DisableRequest(int? Minutes);

    private static ViewJson Describe(DnsView view) => new(
        view.Name,
        view.Settings.Networks.Networks.Select(n => n.ToString()).ToList(),
        view.Settings.Listen.Select(l => l.ToString()).ToList(),
        view.ForwardingEnabled,
        view.Blocking is not null,
        view.Settings.IsCatchAll,
        view.Zones.Entries.OrderBy(e => e.Snapshot.Origin).Select(ZoneText).ToList());

    /// <summary>"example.com." for a shared zone; "example.com. (view tailscale)" for the view's own instance.</summary>
    private static string ZoneText(ZoneSetEntry entry) => entry.Key.ToString();

    /// <summary>The body's "minutes", or the reason it is not usable (read by hand: a malformed body is a 400 with a reason, not the binder's).</summary>
    private static async Task<(int? Minutes, string? Error)> ReadMinutesAsync(HttpContext http)
    {
        try
        {
            using System.Text.Json.JsonDocument doc = await System.Text.Json.JsonDocument.ParseAsync(http.Request.Body,
                cancellationToken: http.RequestAborted).ConfigureAwait(false);
            if (doc.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("minutes", out System.Text.Json.JsonElement minutes))
            {
                return (null, "required: how long blocking stays off, 1 to 1440 minutes, as {\"minutes\":N}");
            }

            return minutes.ValueKind == System.Text.Json.JsonValueKind.Number && minutes.TryGetInt32(out int n) ? (n, null) : (null, $"{minutes.GetRawText()} is not a whole number of minutes");
        }
        catch (System.Text.Json.JsonException ex)
        {
            return (null, "the body is not JSON {\"minutes\":N}: " + ex.Message);
        }
    }

    private static IResult Disable(string name, (int? Minutes, string? Error) body, ViewTable views, BlockingControl control)
    {
        if (Find(name, views, control) is { } problem)
        {
            return problem;
        }

        if (body.Minutes is not { } minutes)
        {
            return ApiProblem.BadRequest("minutes", body.Error!);
        }

        if (minutes is < 1 or > MaxDisableMinutes)
        {
            return ApiProblem.BadRequest("minutes", $"{minutes} is not between 1 and {MaxDisableMinutes}");
        }

        DateTimeOffset until = control.Disable(name, TimeSpan.FromMinutes(minutes));
        return Results.Json(new ViewBlocking(views.Find(name)!.Name, until.UtcDateTime), ApiJson.Options.Info<ViewBlocking>());
    }

    private static IResult Enable(string name, ViewTable views, BlockingControl control)
    {
        if (Find(name, views, control) is { } problem)
        {
            return problem;
        }

        control.Enable(name);
        return Results.Json(new ViewBlocking(views.Find(name)!.Name, null), ApiJson.Options.Info<ViewBlocking>());
    }

    private static IResult? Find(string name, ViewTable views, BlockingControl control)
    {
        if (views.Find(name) is not { } view)
        {
            return ApiProblem.NotFound($"no view is named '{name}'");
        }

        return control.Views.Contains(view.Name, StringComparer.OrdinalIgnoreCase)
            ? null
            : ApiProblem.Conflict($"view '{view.Name}' does not block (no blocklists, or it does not forward)");
    }

    internal sealed record ViewList(List<ViewJson> Views);

    internal sealed record ViewJson(string Name, List<string> Networks, List<string> Listeners, bool Recursion, bool Blocking,
        bool CatchAll, List<string> Zones);

    internal sealed record ViewBlocking(string View, DateTime? DisabledUntil);
}
