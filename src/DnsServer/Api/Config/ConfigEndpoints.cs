using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SplitDns.Server.Api.Auth;

namespace SplitDns.Server.Api.Config;

/// <summary>
/// Runtime configuration routes: GET/POST /zones, DELETE /zones/{zone}, GET/PUT /forwarders,
/// GET/POST /tsig-keys, DELETE /tsig-keys/{name}. Mapping also loads what the admin store holds,
/// before the host starts (so before any query is answered and before /readyz).
/// </summary>
public static class ConfigEndpoints
{
    public static void Map(WebApplication app, RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(api);
        app.Services.GetRequiredService<ConfigFollower>().SyncAsync(CancellationToken.None).GetAwaiter().GetResult();

        api.MapGet("/zones", (ZoneAdmin zones) => Results.Ok(new { zones = zones.List().Select(ZoneJson) }))
            .WithName("ListZones").WithSummary("Every primary zone instance and conditional forwarder zone, from the configuration and the API.");
        api.MapPost("/zones", async (HttpContext http, ZoneAdmin zones) => await Run(async () =>
        {
            ZoneCreateRequest body = await ReadAsync<ZoneCreateRequest>(http).ConfigureAwait(false);
            ZoneInfo z = await zones.CreateAsync(body, ApiUser.Actor(http.User), http.RequestAborted).ConfigureAwait(false);
            return Results.Created($"{ApiEndpoints.Prefix}/zones/{z.Name}", new { name = z.Name, view = z.View, type = z.Type });
        }).ConfigureAwait(false))
            .RequireAuthorization(ApiRoles.AdminPolicy).WithName("CreateZone").WithSummary("Creates a primary or conditional forwarder zone, served at once and kept across restarts.");
        api.MapDelete("/zones/{zone}", async (HttpContext http, string zone, string? view, ZoneAdmin zones) => await Run(async () =>
        {
            await zones.DeleteAsync(zone, view, ApiUser.Actor(http.User), http.RequestAborted).ConfigureAwait(false);
            return Results.NoContent();
        }).ConfigureAwait(false))
            .RequireAuthorization(ApiRoles.AdminPolicy).WithName("DeleteZone").WithSummary("Deletes a zone created through the API (configuration zones: 409).");

        api.MapGet("/forwarders", (ForwarderAdmin f) => Results.Ok(ForwardersJson(f.Get())))
            .WithName("GetForwarders").WithSummary("The default upstream forwarders and their protocol.");
        api.MapPut("/forwarders", async (HttpContext http, ForwarderAdmin f) => await Run(async () =>
        {
            ForwarderList body = await ReadAsync<ForwarderList>(http).ConfigureAwait(false);
            return Results.Ok(ForwardersJson(await f.ReplaceAsync(body, ApiUser.Actor(http.User), http.RequestAborted).ConfigureAwait(false)));
        }).ConfigureAwait(false))
            .RequireAuthorization(ApiRoles.AdminPolicy).WithName("SetForwarders").WithSummary("Replaces the default upstream forwarders at once; kept across restarts.");

        api.MapGet("/tsig-keys", (TsigKeyAdmin keys) => Results.Ok(new
        {
            keys = keys.List().Select(k => new { name = k.Name, algorithm = k.Algorithm, origin_of = k.OriginOf }),
        })).WithName("ListTsigKeys").WithSummary("TSIG keys from the configuration and the API, without secrets.");
        api.MapPost("/tsig-keys", async (HttpContext http, TsigKeyAdmin keys) => await Run(async () =>
        {
            KeyRequest body = await ReadAsync<KeyRequest>(http).ConfigureAwait(false);
            CreatedTsigKey k = await keys.CreateAsync(body.Name, body.Algorithm, ApiUser.Actor(http.User), http.RequestAborted).ConfigureAwait(false);
            return Results.Created($"{ApiEndpoints.Prefix}/tsig-keys/{k.Name}", new { name = k.Name, algorithm = k.Algorithm, secret = k.Secret });
        }).ConfigureAwait(false))
            .RequireAuthorization(ApiRoles.AdminPolicy).WithName("CreateTsigKey").WithSummary("Creates a TSIG key with a generated secret, shown only in this response.");
        api.MapDelete("/tsig-keys/{name}", async (HttpContext http, string name, TsigKeyAdmin keys) => await Run(async () =>
        {
            await keys.DeleteAsync(name, ApiUser.Actor(http.User), http.RequestAborted).ConfigureAwait(false);
            return Results.NoContent();
        }).ConfigureAwait(false))
            .RequireAuthorization(ApiRoles.AdminPolicy).WithName("DeleteTsigKey").WithSummary("Deletes a TSIG key created through the API (configuration keys: 409).");
    }

    private static object ZoneJson(ZoneInfo z) => new
    {
        name = z.Name,
        view = z.View,
        type = z.Type,
        serial = z.Serial,
        records = z.Records,
        origin_of = z.OriginOf,
        forwarders = z.Forwarders,
    };

    private static object ForwardersJson(ForwarderList f) => new { upstreams = f.Upstreams, protocol = f.Protocol };

    private static async Task<IResult> Run(Func<Task<IResult>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (ConfigRequestException ex)
        {
            return ex.ToProblem();
        }
    }

    /// <summary>The JSON body; missing or malformed is a 400 naming "body".</summary>
    private static async Task<T> ReadAsync<T>(HttpContext http) where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(http.Request.Body, cancellationToken: http.RequestAborted).ConfigureAwait(false)
                ?? throw ConfigRequestException.BadRequest("body", "a JSON object is required");
        }
        catch (JsonException ex)
        {
            throw ConfigRequestException.BadRequest("body", $"not valid JSON for this route: {ex.Message}");
        }
    }

    private sealed record KeyRequest
    {
        [System.Text.Json.Serialization.JsonPropertyName("name")]
        public string? Name { get; init; }

        [System.Text.Json.Serialization.JsonPropertyName("algorithm")]
        public string? Algorithm { get; init; }
    }
}
