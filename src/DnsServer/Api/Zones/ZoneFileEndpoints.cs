using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Builder;
using SplitDns.Server.Api.Auth;

namespace SplitDns.Server.Api.Zones;

/// <summary>GET /zones/{zone}/export, POST /zones/{zone}/import, GET /zones/{zone}/history, POST /zones/{zone}/rollback.</summary>
public static class ZoneFileEndpoints
{
    /// <summary>The media type of a zone file (RFC 4027).</summary>
    public const string ZoneFileType = "text/dns";

    /// <summary>The largest zone file an import reads (bounded, like every other input).</summary>
    public const int MaxImportBytes = 16 * 1024 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/zones/{zone}/export", (string zone, string? view, RecordEditor editor) => ZoneRecordEndpoints.Run(() =>
            Task.FromResult(Results.Text(editor.Export(zone, view), ZoneFileType, Encoding.UTF8))))
            .WithName("ExportZone").WithSummary("The zone as a master file ($ORIGIN, $TTL, every record).");

        api.MapPost("/zones/{zone}/import", (HttpContext http, string zone, string? view, string? mode, RecordEditor editor) =>
            ZoneRecordEndpoints.Run(async () =>
        {
            string text = await ReadTextAsync(http).ConfigureAwait(false);
            (int added, int deleted, uint serial) = await editor.ImportAsync(zone, view, text, mode, ApiUser.Actor(http.User),
                ZoneRecordEndpoints.Client(http), http.RequestAborted).ConfigureAwait(false);
            return Results.Ok(new Imported(added, deleted, serial));
        })).RequireAuthorization(ApiRoles.AdminPolicy).WithName("ImportZone")
            .WithSummary("Merges (or, mode=replace, replaces) the zone's records with a zone file's, as one journaled change.");

        api.MapGet("/zones/{zone}/history", (HttpContext http, string zone, string? view, string? limit, string? before_serial,
            RecordEditor editor) => ZoneRecordEndpoints.Run(async () =>
        {
            uint? before = before_serial is null ? null
                : uint.TryParse(before_serial, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out uint b) ? b
                : throw RecordRequestException.BadRequest("before_serial", $"'{before_serial}' is not a serial (0..4294967295)");
            var changes = await editor.HistoryAsync(zone, view, ZoneRecordEndpoints.ParseInt(limit, "limit"), before, http.RequestAborted).ConfigureAwait(false);
            return Results.Ok(new History(changes));
        })).WithName("ZoneHistory").WithSummary("The zone's changes from the journal, newest first, with actor, client, provenance and the records deleted and added.");

        api.MapPost("/zones/{zone}/rollback", (HttpContext http, string zone, string? view, RecordEditor editor) => ZoneRecordEndpoints.Run(async () =>
        {
            RollbackBody body = await ZoneRecordEndpoints.ReadAsync(http, DefaultJson.Options.Info<RollbackBody>()).ConfigureAwait(false);
            RollbackResult r = await editor.RollbackAsync(zone, view, body.Serial, body.Time, ApiUser.Actor(http.User),
                ZoneRecordEndpoints.Client(http), http.RequestAborted).ConfigureAwait(false);
            return Results.Ok(r);
        })).RequireAuthorization(ApiRoles.AdminPolicy).WithName("RollbackZone")
            .WithSummary("Restores the zone's records as they were at a serial or a time, as one new journaled change.");
    }

    private static async Task<string> ReadTextAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxImportBytes)
            {
                throw RecordRequestException.BadRequest("body", $"larger than {MaxImportBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw RecordRequestException.BadRequest("body", "not UTF-8 text");
        }
    }

    internal sealed class RollbackBody
    {
        [System.Text.Json.Serialization.JsonPropertyName("serial")]
        public uint? Serial { get; init; }

        [System.Text.Json.Serialization.JsonPropertyName("time")]
        public DateTimeOffset? Time { get; init; }
    }

    internal sealed record Imported(int Added, int Deleted, uint Serial);

    internal sealed record History(IReadOnlyList<HistoryChange> Changes);
}
