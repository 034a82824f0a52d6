using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SplitDns.Server.Api.Config;
using SplitDns.Server.Api.Zones;

namespace SplitDns.Server.Api.Technitium;

/// <summary>
/// zones/records/add|get|update|delete over <see cref="RecordEditor"/> (the /api/v1 records code):
/// each change is one journaled RFC 2136-shaped change with provenance api. <c>domain</c> is the
/// record's owner; <c>zone</c>, when absent, is the closest enclosing zone served (shared instance).
/// </summary>
internal static class TechnitiumRecordCalls
{
    public static async Task<object?> AddAsync(TechnitiumCall call)
    {
        (string zone, string domain, string type) = Target(call);
        var spec = new RecordSpec
        {
            Name = domain + ".", Type = type, Ttl = call.Request.Int("ttl", 0, int.MaxValue) ?? (type == "NS" ? 14400 : 3600),
            Data = TechnitiumRecordData.Build(call.Request, type), Overwrite = call.Request.Bool("overwrite", false),
        };
        RecordChange change = await Editor(call).AddAsync(zone, null, spec, call.Actor, Client(call), call.Aborted).ConfigureAwait(false);
        return new TechnitiumJson.RecordAdded(Zone(zone), Record(change.Record!));
    }

    public static async Task<object?> GetAsync(TechnitiumCall call)
    {
        string domain = call.Request.RequiredAlt("domain", "zone").Trim().TrimEnd('.');
        string zone = (call.Request.Get("zone") ?? Enclosing(call, domain)).Trim().TrimEnd('.');
        string? name = call.Request.Bool("listZone", false) ? null : domain + ".";
        var records = new List<TechnitiumJson.RecordItem>();
        string? cursor = null;
        do
        {
            RecordPage page = await Editor(call).ListAsync(zone, null, name, null, RecordEditor.MaxPageSize, cursor, call.Aborted).ConfigureAwait(false);
            records.AddRange(page.Records.Select(Record));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return new TechnitiumJson.RecordListing(Zone(zone), records);
    }

    public static async Task<object?> UpdateAsync(TechnitiumCall call)
    {
        (string zone, string domain, string type) = Target(call);
        RecordEditor editor = Editor(call);
        string oldData = type == "CNAME" ? await CurrentCnameAsync(editor, zone, domain, call).ConfigureAwait(false)
            : TechnitiumRecordData.Build(call.Request, type);
        string newDomain = (call.Request.Get("newDomain") ?? domain).Trim().TrimEnd('.');
        var old = new RecordSpec { Name = domain + ".", Type = type, Data = oldData };
        var replacement = new RecordSpec
        {
            Name = newDomain + ".", Type = type, Ttl = call.Request.Int("ttl", 0, int.MaxValue) ?? 3600,
            Data = TechnitiumRecordData.Build(call.Request, type, type == "CNAME" ? "" : "new"),
        };
        RecordChange change = await editor.UpdateAsync(zone, null, old, replacement, call.Actor, Client(call), call.Aborted).ConfigureAwait(false);
        return new TechnitiumJson.RecordUpdated(Zone(zone), Record(change.Record!));
    }

    public static async Task<object?> DeleteAsync(TechnitiumCall call)
    {
        (string zone, string domain, string type) = Target(call);
        string? data = type == "CNAME" ? null : TechnitiumRecordData.Build(call.Request, type);
        await Editor(call).DeleteAsync(zone, null, domain + ".", type, data, call.Actor, Client(call), call.Aborted).ConfigureAwait(false);
        return null;
    }

    private static (string Zone, string Domain, string Type) Target(TechnitiumCall call)
    {
        string domain = call.Request.Required("domain").Trim().TrimEnd('.');
        string zone = (call.Request.Get("zone") ?? Enclosing(call, domain)).Trim().TrimEnd('.');
        string type = call.Request.Required("type").Trim().ToUpperInvariant();
        return (zone, domain, type);
    }

    /// <summary>The longest served shared zone that <paramref name="domain"/> lies in (WebServiceZonesApi.cs:3761-3771).</summary>
    private static string Enclosing(TechnitiumCall call, string domain)
    {
        string d = domain.ToLowerInvariant() + ".";
        return call.Services.GetRequiredService<ZoneAdmin>().List()
            .Where(z => z.View.Length == 0 && z.Type == "primary")
            .Select(z => z.Name.ToLowerInvariant())
            .Where(z => d == z || d.EndsWith("." + z, StringComparison.Ordinal))
            .OrderByDescending(z => z.Length)
            .FirstOrDefault() ?? throw new TechnitiumException($"No such zone was found: {domain}");
    }

    private static async Task<string> CurrentCnameAsync(RecordEditor editor, string zone, string domain, TechnitiumCall call)
    {
        RecordPage page = await editor.ListAsync(zone, null, domain + ".", "CNAME", 1, null, call.Aborted).ConfigureAwait(false);
        return page.Records is [var r, ..] ? r.Data : throw new TechnitiumException($"No CNAME record at {domain}.");
    }

    private static RecordEditor Editor(TechnitiumCall call) => call.Services.GetRequiredService<RecordEditor>();

    private static IPEndPoint Client(TechnitiumCall call) =>
        new(call.Request.Http.Connection.RemoteIpAddress ?? IPAddress.None, call.Request.Http.Connection.RemotePort);

    private static TechnitiumJson.ZoneRef Zone(string zone) => new(zone, "Primary", false, "Unsigned", false);

    private static TechnitiumJson.RecordItem Record(ApiRecord r) => new(
        r.Name.Length > 1 ? r.Name.TrimEnd('.') : r.Name, r.Type, r.Ttl, false, TechnitiumRecordData.RData(r.Type, r.Data), "Unknown",
        "0001-01-01T00:00:00");
}
