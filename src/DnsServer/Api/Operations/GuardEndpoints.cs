using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SplitDns.Protocol.Names;
using SplitDns.Server.Api.Auth;
using SplitDns.Server.Updates;
using SplitDns.Server.Updates.Guard;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.Server.Api.Operations;

/// <summary>
/// The mass-deletion guard (docs/api.md "Mass-deletion guard"): GET /guard/held (the held
/// deletions), GET /guard/approvals (approvals not yet expired), POST /guard/approve (admin:
/// {zone, key, view?, minutes?}) and DELETE /guard/approvals?zone=&amp;key=&amp;view= (admin: revoke).
/// </summary>
public static class GuardEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/guard/held", async (HttpContext http, MassDeletionGuard guard) =>
                Results.Json(new HeldList(await guard.ListHeldAsync(http.RequestAborted).ConfigureAwait(false)), ApiJson.Options.Info<HeldList>()))
            .WithName("ListHeldDeletions").WithSummary("Mass deletions the guard holds (REFUSED until approved), every replica's.");
        api.MapGet("/guard/approvals", async (HttpContext http, MassDeletionGuard guard) =>
                Results.Json(new ApprovalList(await guard.ListApprovalsAsync(http.RequestAborted).ConfigureAwait(false)), ApiJson.Options.Info<ApprovalList>()))
            .WithName("ListGuardApprovals").WithSummary("Approvals of held mass deletions that have not expired.");
        api.MapPost("/guard/approve", ApproveAsync).RequireAuthorization(ApiRoles.AdminPolicy)
            .WithName("ApproveMassDeletion")
            .WithSummary("Lets a key's deletions in a zone through the guard for a while (body: zone, key, view?, minutes?).");
        api.MapDelete("/guard/approvals", RevokeAsync).RequireAuthorization(ApiRoles.AdminPolicy)
            .WithName("RevokeGuardApproval").WithSummary("Withdraws an approval before it expires (?zone=&key=&view=).");
    }

    private static async Task<IResult> ApproveAsync(HttpContext http, MassDeletionGuard guard, DynamicSettings dynamic)
    {
        (System.Text.Json.JsonElement body, IResult? error) = await JsonBody.ReadAsync(http.Request).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        string? zone = JsonBody.String(body, "zone", out error);
        string? key = error is null ? JsonBody.String(body, "key", out error) : null;
        string? view = error is null ? JsonBody.String(body, "view", out error) : null;
        int? minutes = error is null ? JsonBody.Int(body, "minutes", 1, 7 * 24 * 60, out error) : null;
        if (error is not null)
        {
            return error;
        }

        if (Scope(zone, key, view, dynamic, out GuardScope scope) is { } bad)
        {
            return bad;
        }

        TimeSpan? lifetime = minutes is { } m ? TimeSpan.FromMinutes(m) : null;
        try
        {
            GuardApproval approval = await guard.ApproveAsync(scope, lifetime, ApiUser.Actor(http.User), http.RequestAborted).ConfigureAwait(false);
            return Results.Json(approval, ApiJson.Options.Info<GuardApproval>());
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // Approved on this replica only: the others would keep holding, so say it failed.
            return ApiProblem.Unavailable($"the approval could not be stored for every replica: {ex.Message}");
        }
    }

    private static async Task<IResult> RevokeAsync(HttpContext http, MassDeletionGuard guard, DynamicSettings dynamic)
    {
        IQueryCollection q = http.Request.Query;
        string? view = q.ContainsKey("view") ? q["view"].ToString() : null;
        if (Scope(q["zone"].ToString(), q["key"].ToString(), view, dynamic, out GuardScope scope) is { } bad)
        {
            return bad;
        }

        return await guard.RevokeAsync(scope, ApiUser.Actor(http.User), http.RequestAborted).ConfigureAwait(false)
            ? Results.Json(new RevokeResult(true), ApiJson.Options.Info<RevokeResult>())
            : ApiProblem.NotFound($"no approval for key {scope.Key} in zone {scope.ZoneName}");
    }

    /// <summary>The zone instance (it must take dynamic updates here) and key, or a 400/404 problem naming the field.</summary>
    private static IResult? Scope(string? zone, string? key, string? view, DynamicSettings dynamic, out GuardScope scope)
    {
        scope = default;
        if (string.IsNullOrWhiteSpace(zone))
        {
            return ApiProblem.BadRequest("zone", "required: the zone's name, e.g. example.com");
        }

        if (string.IsNullOrWhiteSpace(key))
        {
            return ApiProblem.BadRequest("key", "required: the TSIG key name the held UPDATE was signed with");
        }

        zone = zone.Trim();
        if (!DnsName.TryParse(zone.EndsWith('.') ? zone : zone + ".", null, out DnsName origin, out string? reason))
        {
            return ApiProblem.BadRequest("zone", $"'{zone}' is not a domain name: {reason}");
        }

        key = key.Trim();
        if (!DnsName.TryParse(key.EndsWith('.') ? key : key + ".", null, out _, out reason))
        {
            return ApiProblem.BadRequest("key", $"'{key}' is not a key name: {reason}");
        }

        var instance = new ZoneKey(view?.Trim() ?? ZoneKey.SharedView, origin);
        if (!dynamic.Zones.ContainsKey(instance))
        {
            return ApiProblem.NotFound($"zone {instance} is not served here");
        }

        scope = new GuardScope(instance, key);
        return null;
    }

    internal sealed record HeldList(IReadOnlyList<HeldDeletion> Held);

    internal sealed record ApprovalList(IReadOnlyList<GuardApproval> Approvals);

    internal sealed record RevokeResult(bool Revoked);
}
