using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SplitDns.Server.Api.Config;

namespace SplitDns.Server.Api.Technitium;

/// <summary>
/// zones/list, zones/create (Primary, Forwarder), zones/delete over <see cref="ZoneAdmin"/>.
/// Technitium has no views: these calls see the shared instances (view "") only.
/// </summary>
internal static class TechnitiumZoneCalls
{
    public static Task<object?> ListAsync(TechnitiumCall call)
    {
        ZoneAdmin zones = call.Services.GetRequiredService<ZoneAdmin>();
        List<TechnitiumJson.ZoneItem> all = [.. zones.List().Where(z => z.View.Length == 0).Select(Zone)];
        int? page = call.Request.Int("pageNumber", 1, int.MaxValue);
        if (page is null)
        {
            return Task.FromResult<object?>(new TechnitiumJson.ZoneListing(all));
        }

        int perPage = call.Request.Int("zonesPerPage", 1, 10_000) ?? 10;
        int totalPages = Math.Max(1, (all.Count + perPage - 1) / perPage);
        int p = Math.Min(page.Value, totalPages);
        return Task.FromResult<object?>(new TechnitiumJson.ZonePage(p, totalPages, all.Count, all.Skip((p - 1) * perPage).Take(perPage)));
    }

    public static async Task<object?> CreateAsync(TechnitiumCall call)
    {
        string zone = call.Request.RequiredAlt("zone", "domain").Trim().TrimEnd('.');
        if (IPAddress.TryParse(zone, out _) || zone.Contains('/', StringComparison.Ordinal))
        {
            throw new TechnitiumException("Creating a reverse zone from an IP address or network is not supported: give the in-addr.arpa or ip6.arpa name.");
        }

        string type = (call.Request.Get("type") ?? "Primary").Trim();
        ZoneCreateRequest request;
        if (type.Equals("Primary", StringComparison.OrdinalIgnoreCase))
        {
            request = new ZoneCreateRequest { Name = zone, Type = "primary" };
        }
        else if (type.Equals("Forwarder", StringComparison.OrdinalIgnoreCase))
        {
            if (!call.Request.Bool("initializeForwarder", true))
            {
                throw new TechnitiumException("initializeForwarder=false (an empty override zone) is not supported: create a Primary zone.");
            }

            string protocol = TechnitiumForwarders.Protocol(call.Request.Get("protocol"), "protocol");
            string forwarder = call.Request.Required("forwarder");
            request = new ZoneCreateRequest
            {
                Name = zone, Type = "forwarder", Protocol = protocol, Forwarders = TechnitiumForwarders.List(forwarder, protocol),
            };
        }
        else
        {
            throw new TechnitiumException($"Zone type '{type}' is not supported: Primary or Forwarder.");
        }

        ZoneInfo created = await call.Services.GetRequiredService<ZoneAdmin>().CreateAsync(request, call.Actor, call.Aborted).ConfigureAwait(false);
        return new TechnitiumJson.CreatedZone(created.Name.TrimEnd('.'));
    }

    public static async Task<object?> DeleteAsync(TechnitiumCall call)
    {
        string zone = call.Request.RequiredAlt("zone", "domain");
        await call.Services.GetRequiredService<ZoneAdmin>().DeleteAsync(zone, null, call.Actor, call.Aborted).ConfigureAwait(false);
        return null;
    }

    /// <summary>A zone as Technitium lists it (WebServiceZonesApi.cs zone info).</summary>
    internal static TechnitiumJson.ZoneItem Zone(ZoneInfo z) =>
        new(z.Name.TrimEnd('.'), z.Type == "forwarder" ? "Forwarder" : "Primary", false, "Unsigned", z.Serial, false, [], false);
}
