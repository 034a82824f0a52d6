using Microsoft.Extensions.Logging;
using SplitDns.Forwarders.Upstreams;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Server.Admin;
using SplitDns.Server.Updates;
using SplitDns.Server.Views;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Persistence;
using SplitDns.ZoneStore.Writing;

namespace SplitDns.Server.Api.Config;

/// <summary>
/// Zones created and deleted at run time (GET/POST /api/v1/zones, DELETE /api/v1/zones/{zone}, and
/// the Technitium layer): primary zones (a default SOA and NS, provenance api, journaled, in the
/// zone store; published into the catalog so every view that sees the instance answers at once) and
/// conditional forwarder zones (added to the routing of every view that may recurse, or of one view).
/// The definition is kept in the admin store (kind "zone"), so it survives restarts and reaches
/// replicas (<see cref="SyncAsync"/>). Zones from the configuration are listed but never deleted here.
/// Errors are <see cref="ConfigRequestException"/>s; nothing is changed when one is thrown.
/// </summary>
public sealed partial class ZoneAdmin
{
    private readonly ZoneCatalog _catalog;
    private readonly ZoneWriter _writer;
    private readonly IAdminStore _admin;
    private readonly ViewTable _views;
    private readonly ForwarderRouting _routing;
    private readonly DynamicSettings _dynamic;
    private readonly ILogger<ZoneAdmin> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<ZoneKey, ZoneDefinition> _zones = [];

    public ZoneAdmin(ZoneCatalog catalog, ZoneWriter writer, IAdminStore admin, ViewTable views, ForwarderRouting routing,
        DynamicSettings dynamic, ILogger<ZoneAdmin> logger)
    {
        _catalog = catalog;
        _writer = writer;
        _admin = admin;
        _views = views;
        _routing = routing;
        _dynamic = dynamic;
        _logger = logger;
    }

    /// <summary>Every primary zone instance in the catalog and every conditional forwarder zone, by name then view.</summary>
    public IReadOnlyList<ZoneInfo> List()
    {
        var list = new List<ZoneInfo>();
        Dictionary<ZoneKey, ZoneDefinition> api;
        lock (_zones)
        {
            api = new Dictionary<ZoneKey, ZoneDefinition>(_zones);
        }

        foreach ((ZoneKey key, ZoneSnapshot zone) in _catalog.Entries)
        {
            list.Add(new ZoneInfo(key.Origin.ToString(), key.View, "primary", zone.Serial, zone.RecordCount,
                api.ContainsKey(key) ? "api" : "config", null));
        }

        foreach ((string view, DnsName zone, IReadOnlyList<UpstreamEndpoint> servers) in _routing.ConfiguredZones())
        {
            list.Add(new ZoneInfo(zone.ToString(), view, "forwarder", null, null, "config", [.. servers.Select(ForwarderAddresses.Format)]));
        }

        foreach (ZoneDefinition d in api.Values.Where(d => d.Type == "forwarder"))
        {
            list.Add(new ZoneInfo(d.Name, d.View, "forwarder", null, null, "api", d.Forwarders));
        }

        return [.. list.OrderBy(z => z.Name, StringComparer.OrdinalIgnoreCase).ThenBy(z => z.View, StringComparer.Ordinal)];
    }

    /// <summary>Creates a primary or forwarder zone; returns it as GET lists it.</summary>
    public async Task<ZoneInfo> CreateAsync(ZoneCreateRequest request, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ZoneDefinition def = Validate(request, actor);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await SyncLockedAsync(ct).ConfigureAwait(false);
            var key = new ZoneKey(def.View, DnsName.Parse(def.Name));
            CheckFree(key, def);
            if (def.Type == "primary")
            {
                await CreatePrimaryAsync(key, def, ct).ConfigureAwait(false);
            }
            else if (!await InsertDefinitionAsync(def, ct).ConfigureAwait(false))
            {
                throw ConfigRequestException.Conflict($"zone {key} exists already");
            }

            Apply(key, def, _catalog.Get(key));
            Log.ZoneCreated(_logger, key.ToString(), def.Type, actor);
            return List().First(z => z.Name == def.Name && z.View == def.View && z.OriginOf == "api");
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Deletes an API-created zone (404 unknown, 409 from the configuration).</summary>
    public async Task DeleteAsync(string zone, string? view, string actor, CancellationToken ct)
    {
        DnsName origin = ParseName(zone, "zone");
        string v = ParseView(view);
        var key = new ZoneKey(v, origin);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await SyncLockedAsync(ct).ConfigureAwait(false);
            ZoneDefinition? def;
            lock (_zones)
            {
                _zones.TryGetValue(key, out def);
            }

            if (def is null)
            {
                if (_catalog.Get(key) is not null || _routing.IsConfigured(v, origin))
                {
                    throw ConfigRequestException.Conflict(
                        $"zone {key} comes from the configuration (SplitDns:Zones, a view's Zones or Forwarders:Conditional): edit the configuration to remove it");
                }

                throw ConfigRequestException.NotFound($"no zone {key}");
            }

            // The zone data first: a definition left behind can be deleted again, data without one could not.
            if (def.Type == "primary" && _writer.Store is { } store)
            {
                await Guard(() => store.DeleteZoneAsync(key, ct)).ConfigureAwait(false);
            }

            await Guard(() => _admin.DeleteAsync(ZoneDefinition.Kind, ZoneDefinition.StoreName(v, def.Name), ct)).ConfigureAwait(false);
            Unapply(key, def);
            Log.ZoneDeleted(_logger, key.ToString(), def.Type, actor);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task CreatePrimaryAsync(ZoneKey key, ZoneDefinition def, CancellationToken ct)
    {
        ZoneCommit creation = DefaultZone(key, def.Actor);
        if (_writer.Store is { } store && !await Guard(() => store.CreateZoneAsync(creation, ct)).ConfigureAwait(false))
        {
            throw ConfigRequestException.Conflict(
                $"the zone store still holds zone {key} (a zone removed from the configuration, or a delete that did not finish)");
        }

        if (!await InsertDefinitionAsync(def, ct).ConfigureAwait(false))
        {
            if (_writer.Store is { } s)
            {
                await Guard(() => s.DeleteZoneAsync(key, ct)).ConfigureAwait(false);
            }

            throw ConfigRequestException.Conflict($"zone {key} exists already");
        }

        ZoneSnapshot snapshot = ZoneSnapshot.Create(key.Origin, creation.Added);
        _writer.Forget(key);
        _catalog.Publish(key, snapshot);
    }

    /// <summary>
    /// A new zone's records: SOA (serial 1, mname ns1.&lt;zone&gt;, rname hostmaster.&lt;zone&gt;) and NS
    /// ns1.&lt;zone&gt;, as the creation journal row (serial 0 → 1, nothing deleted).
    /// </summary>
    private static ZoneCommit DefaultZone(ZoneKey key, string actor)
    {
        DnsName ns = DnsName.Parse("ns1", key.Origin);
        var soa = new SoaRdata(ns, DnsName.Parse("hostmaster", key.Origin), 1, 3600, 900, 1_209_600, 300);
        ResourceRecord[] records =
        [
            new(key.Origin, RecordType.SOA, DnsClass.IN, 3600, soa),
            new(key.Origin, RecordType.NS, DnsClass.IN, 3600, new NsRdata(ns)),
        ];
        return new ZoneCommit(key, 0, 1, [], records, RecordProvenance.Api, null, actor, DateTimeOffset.UtcNow);
    }

    private Task<bool> InsertDefinitionAsync(ZoneDefinition def, CancellationToken ct) =>
        Guard(() => _admin.InsertAsync(ZoneDefinition.Kind, ZoneDefinition.StoreName(def.View, def.Name), def.ToJson(), ct));

    /// <summary>409 when the (view, origin) is taken by any zone, from the configuration or the API.</summary>
    private void CheckFree(ZoneKey key, ZoneDefinition def)
    {
        bool api;
        lock (_zones)
        {
            api = _zones.ContainsKey(key);
        }

        string from = api ? "the API" : "the configuration";
        if (api || _catalog.Get(key) is not null)
        {
            throw ConfigRequestException.Conflict($"zone {key} exists already (from {from})");
        }

        if (_routing.IsConfigured(key.View, key.Origin))
        {
            throw ConfigRequestException.Conflict($"zone {key} is a conditional forwarder zone from the configuration");
        }

        if (def.Type == "forwarder" && key.View.Length == 0 && _catalog.InstancesOf(key.Origin).Count > 0)
        {
            throw ConfigRequestException.Conflict($"zone {key} is served here as a primary zone");
        }
    }

    /// <summary>Store and admin-store failures become 503: nothing was acknowledged.</summary>
    private static async Task<T> Guard<T>(Func<Task<T>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ZoneStoreUnavailableException or System.Data.Common.DbException)
        {
            throw ConfigRequestException.Unavailable($"the store cannot be reached, nothing was changed: {ex.Message}");
        }
    }

    private static async Task Guard(Func<Task> work) => await Guard(async () =>
    {
        await work().ConfigureAwait(false);
        return true;
    }).ConfigureAwait(false);
}
