using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SplitDns.Forwarders;
using SplitDns.Forwarders.Cache;
using SplitDns.Protocol.Names;

namespace SplitDns.Server.Api.Operations;

/// <summary>
/// DELETE /api/v1/cache (admin): flushes the response cache entirely, or every entry of one name
/// (?name=, any type, every view's partition), or of its whole subtree (&amp;subtree=true).
/// </summary>
public static class CacheEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapDelete("/cache", (HttpContext http, ForwardingResolver resolver) => Flush(http, resolver.Cache))
            .RequireAuthorization(Auth.ApiRoles.AdminPolicy)
            .WithName("FlushCache").WithSummary("Flushes the response cache: all, one name (?name=), or a subtree (&subtree=true).");

    private static IResult Flush(HttpContext http, ResponseCache cache)
    {
        IQueryCollection q = http.Request.Query;
        string subtreeText = q["subtree"].ToString().Trim();
        bool subtree = false;
        if (subtreeText.Length > 0 && !bool.TryParse(subtreeText, out subtree))
        {
            return ApiProblem.BadRequest("subtree", $"'{subtreeText}' is not true or false");
        }

        string nameText = q["name"].ToString().Trim();
        if (!q.ContainsKey("name"))
        {
            if (subtree)
            {
                return ApiProblem.BadRequest("subtree", "needs name: the apex of the subtree to flush");
            }

            // FlushAll does not count; the entries gone meanwhile are what it removed (others may be stored concurrently).
            long before = cache.Count;
            cache.FlushAll();
            return Results.Json(new FlushResult(Math.Max(0, before - cache.Count)), ApiJson.Options.Info<FlushResult>());
        }

        if (nameText.Length == 0)
        {
            return ApiProblem.BadRequest("name", "empty: give a domain name, or leave name out to flush everything");
        }

        if (!DnsName.TryParse(nameText.EndsWith('.') ? nameText : nameText + ".", null, out DnsName name, out string? error))
        {
            return ApiProblem.BadRequest("name", $"'{nameText}' is not a domain name: {error}");
        }

        return Results.Json(new FlushResult(cache.Flush(name, subtree)), ApiJson.Options.Info<FlushResult>());
    }

    internal sealed record FlushResult(long Flushed);
}
