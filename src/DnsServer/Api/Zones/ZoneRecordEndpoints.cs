using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SplitDns.Server.Api.Auth;

namespace SplitDns.Server.Api.Zones;

/// <summary>
/// Record routes under /api/v1/zones/{zone}: GET/POST/PUT/DELETE /records. Every change is one
/// journaled change through the write path (see <see cref="RecordEditor"/>); errors are RFC 9457 problems.
/// </summary>
public static class ZoneRecordEndpoints
{
    public static void Map(WebApplication app, RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/zones/{zone}/records", (HttpContext http, string zone, string? view, string? name, string? type, string? limit,
            string? cursor, RecordEditor editor) => Run(async () =>
        {
            RecordPage page = await editor.ListAsync(zone, view, name, type, ParseInt(limit, "limit"), cursor, http.RequestAborted).ConfigureAwait(false);
            return Results.Ok(new RecordList(page.Records, page.NextCursor));
        })).WithName("ListRecords").WithSummary("The zone's records with their provenance, filtered by name and type, a page at a time (cursor).");

        api.MapPost("/zones/{zone}/records", (HttpContext http, string zone, string? view, RecordEditor editor) => Run(async () =>
        {
            RecordSpec body = await ReadAsync(http, DefaultJson.Options.Info<RecordSpec>()).ConfigureAwait(false);
            RecordChange c = await editor.AddAsync(zone, view, body, ApiUser.Actor(http.User), Client(http), http.RequestAborted).ConfigureAwait(false);
            return Results.Created($"{ApiEndpoints.Prefix}/zones/{zone}/records", new RecordChanged(c.Record, c.Serial));
        })).RequireAuthorization(ApiRoles.AdminPolicy).WithName("AddRecord")
            .WithSummary("Adds a record (overwrite: replaces its RRset) as one journaled change.");

        api.MapPut("/zones/{zone}/records", (HttpContext http, string zone, string? view, RecordEditor editor) => Run(async () =>
        {
            UpdateBody body = await ReadAsync(http, DefaultJson.Options.Info<UpdateBody>()).ConfigureAwait(false);
            RecordChange c = await editor.UpdateAsync(zone, view, body.Old ?? throw RecordRequestException.BadRequest("old", "missing"),
                body.New ?? throw RecordRequestException.BadRequest("new", "missing"), ApiUser.Actor(http.User), Client(http),
                http.RequestAborted).ConfigureAwait(false);
            return Results.Ok(new RecordChanged(c.Record, c.Serial));
        })).RequireAuthorization(ApiRoles.AdminPolicy).WithName("UpdateRecord")
            .WithSummary("Replaces one existing record with another as one journaled change (404 when the old one is not there).");

        api.MapDelete("/zones/{zone}/records", (HttpContext http, string zone, string? view, string? name, string? type, string? data,
            RecordEditor editor) => Run(async () =>
        {
            RecordChange c = await editor.DeleteAsync(zone, view, name, type, data, ApiUser.Actor(http.User), Client(http), http.RequestAborted).ConfigureAwait(false);
            return Results.Ok(new RecordsDeleted(c.Deleted, c.Serial));
        })).RequireAuthorization(ApiRoles.AdminPolicy).WithName("DeleteRecords")
            .WithSummary("Deletes one record (with data) or the whole RRset (without) as one journaled change.");

        ZoneFileEndpoints.Map(api);

    }

    /// <summary>The HTTP peer, journaled as the change's client.</summary>
    public static IPEndPoint Client(HttpContext http) =>
        new(http.Connection.RemoteIpAddress ?? IPAddress.Loopback, http.Connection.RemotePort);

    /// <summary>Runs a handler, turning its <see cref="RecordRequestException"/> into the problem it names.</summary>
    public static async Task<IResult> Run(Func<Task<IResult>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (RecordRequestException ex)
        {
            return ex.ToProblem();
        }
    }

    public static async Task<T> ReadAsync<T>(HttpContext http, JsonTypeInfo<T> info) where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(http.Request.Body, info, http.RequestAborted).ConfigureAwait(false)
                ?? throw RecordRequestException.BadRequest("body", "a JSON object is needed");
        }
        catch (JsonException ex)
        {
            throw RecordRequestException.BadRequest("body", $"not valid JSON for this call: {ex.Message}");
        }
    }

    public static int? ParseInt(string? text, string parameter) =>
        text is null ? null
        : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) ? n
        : throw RecordRequestException.BadRequest(parameter, $"'{text}' is not a whole number");

    internal sealed class UpdateBody
    {
        [System.Text.Json.Serialization.JsonPropertyName("old")]
        public RecordSpec? Old { get; init; }

        [System.Text.Json.Serialization.JsonPropertyName("new")]
        public RecordSpec? New { get; init; }
    }

    internal sealed record RecordList(IReadOnlyList<ApiRecord> Records, [property: JsonPropertyName("next_cursor")] string? NextCursor);

    internal sealed record RecordChanged(ApiRecord? Record, uint Serial);

    internal sealed record RecordsDeleted(int Deleted, uint Serial);
}
