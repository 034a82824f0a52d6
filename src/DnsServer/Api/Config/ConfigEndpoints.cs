using System.Text.Json;
using System.Text.Json.Serialization;
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
        app.Services.GetRequiredService<ConfigFollower>().SyncAtStartup();

        api.MapGet("/zones", (ZoneAdmin zones) => Results.Ok(new ZoneList(zones.List().Select(ZoneJson))))
            .WithName("ListZones").WithSummary("Every primary zone instance and conditional forwarder zone, from the configuration and the API.");
        api.MapPost("/zones", async (HttpContext http, ZoneAdmin zones) => await Run(async () =>
        {
            ZoneCreateRequest body = await ReadAsync(http, DefaultJson.Options.Info<ZoneCreateRequest>()).ConfigureAwait(false);
            ZoneInfo z = await zones.CreateAsync(body, ApiUser.Actor(http.User), http.RequestAborted).ConfigureAwait(false);
            return Results.Created($"{ApiEndpoints.Prefix}/zones/{z.Name}", new ZoneCreated(z.Name, z.View, z.Type));
        }).ConfigureAwait(false))
            .RequireAuthorization(ApiRoles.AdminPolicy).WithName("CreateZone").WithSummary("Creates a primary or conditional forwarder zone, served at once and kept across restarts.");
        api.MapDelete("/zones/{zone}", async (HttpContext http, string zone, string? view, ZoneAdmin zones) => await Run(async () =>
        {
            await zones.DeleteAsync(zone, view, ApiUser.Actor(http.User), http.RequestAborted).ConfigureAwait(false);
            return Results.NoContent();
        }).ConfigureAwait(false))
            .RequireAuthorization(ApiRoles.AdminPolicy).WithName("DeleteZone").WithSummary("Deletes a zone created through the API (configuration zones: 409).");

        api.MapGet("/forwarders", (ForwarderAdmin f) => Results.Ok(f.Get()))
            .WithName("GetForwarders").WithSummary("The default upstream forwarders and their protocol.");
        api.MapPut("/forwarders", async (HttpContext http, ForwarderAdmin f) => await Run(async () =>
        {
            ForwarderList body = await ReadAsync(http, DefaultJson.Options.Info<ForwarderList>()).ConfigureAwait(false);
            return Results.Ok(await f.ReplaceAsync(body, ApiUser.Actor(http.User), http.RequestAborted).ConfigureAwait(false));
        }).ConfigureAwait(false))
            .RequireAuthorization(ApiRoles.AdminPolicy).WithName("SetForwarders").WithSummary("Replaces the default upstream forwarders at once; kept across restarts.");

        api.MapGet("/tsig-keys", (TsigKeyAdmin keys) => Results.Ok(new KeyList(keys.List().Select(k => new KeyJson(k.Name, k.Algorithm, k.OriginOf))))).WithName("ListTsigKeys").WithSummary("TSIG keys from the configuration and the API, without secrets.");
        api.MapPost("/tsig-keys", async (HttpContext http, TsigKeyAdmin keys) => await Run(async () =>
        {
            KeyRequest body = await ReadAsync(http, DefaultJson.Options.Info<KeyRequest>()).ConfigureAwait(false);
            CreatedTsigKey k = await keys.CreateAsync(body.Name, body.Algorithm, ApiUser.Actor(http.User), http.RequestAborted).ConfigureAwait(false);
            return Results.Created($"{ApiEndpoints.Prefix}/tsig-keys/{k.Name}", k);
        }).ConfigureAwait(false))
            .RequireAuthorization(ApiRoles.AdminPolicy).WithName("CreateTsigKey").WithSummary("Creates a TSIG key with a generated secret, shown only in this response.");
        api.MapDelete("/tsig-keys/{name}", async (HttpContext http, string name, TsigKeyAdmin keys) => await Run(async () =>
        {
            await keys.DeleteAsync(name, ApiUser.Actor(http.User), http.RequestAborted).ConfigureAwait(false);
            return Results.NoContent();
        }).ConfigureAwait(false))
            .RequireAuthorization(ApiRoles.AdminPolicy).WithName("DeleteTsigKey").WithSummary("Deletes a TSIG key created through the API (configuration keys: 409).");
    }

    private static ZoneJsonItem ZoneJson(ZoneInfo z) => new(z.Name, z.View, z.Type, z.Serial, z.Records, z.OriginOf, z.Forwarders);


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
    private static async Task<T> ReadAsync<T>(HttpContext http, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(http.Request.Body, info, http.RequestAborted).ConfigureAwait(false)
                ?? throw ConfigRequestException.BadRequest("body", "a JSON object is required");
        }
        catch (JsonException ex)
        {
            throw ConfigRequestException.BadRequest("body", $"not valid JSON for this route: {ex.Message}");
        }
    }

    internal sealed record KeyRequest
    {
        [System.Text.Json.Serialization.JsonPropertyName("name")]
        public string? Name { get; init; }

        [System.Text.Json.Serialization.JsonPropertyName("algorithm")]
        public string? Algorithm { get; init; }
    }

    internal sealed record ZoneList(IEnumerable<ZoneJsonItem> Zones);

    internal sealed record ZoneJsonItem(string Name, string View, string Type, uint? Serial, int? Records,
        [property: JsonPropertyName("origin_of")] string OriginOf, IReadOnlyList<string>? Forwarders);

    internal sealed record ZoneCreated(string Name, string View, string Type);

    internal sealed record KeyList(IEnumerable<KeyJson> Keys);

    internal sealed record KeyJson(string Name, string Algorithm, [property: JsonPropertyName("origin_of")] string OriginOf);
}
