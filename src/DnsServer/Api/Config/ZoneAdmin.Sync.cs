using Microsoft.Extensions.Logging;
using SplitDns.Protocol.Names;
using SplitDns.Server.Updates;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Persistence;
using SplitDns.ZoneStore.Transfer;
using SplitDns.ZoneStore.Updates;

namespace SplitDns.Server.Api.Config;

// Bringing the running server in line with the admin store: at start-up, and (PostgreSQL) every
// catch-up interval, so zones another replica created or deleted appear or go here too.
public sealed partial class ZoneAdmin
{
    /// <summary>Loads the zones the admin store defines and drops those it no longer does.</summary>
    public async Task SyncAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await SyncLockedAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SyncLockedAsync(CancellationToken ct)
    {
        IReadOnlyList<Admin.AdminObject> rows = await Guard(() => _admin.ListAsync(ZoneDefinition.Kind, ct)).ConfigureAwait(false);
        var wanted = new Dictionary<ZoneKey, ZoneDefinition>();
        foreach (Admin.AdminObject row in rows)
        {
            ZoneDefinition? def = null;
            try
            {
                def = ZoneDefinition.FromJson(row.Body);
            }
            catch (System.Text.Json.JsonException)
            {
            }

            if (def is null || !DnsName.TryParse(def.Name, DnsName.Root, out DnsName origin, out _))
            {
                Log.BadDefinition(_logger, row.Name);
                continue;
            }

            wanted[new ZoneKey(def.View, origin)] = def;
        }

        List<(ZoneKey, ZoneDefinition)> gone;
        lock (_zones)
        {
            gone = [.. _zones.Where(z => !wanted.ContainsKey(z.Key)).Select(z => (z.Key, z.Value))];
        }

        foreach ((ZoneKey key, ZoneDefinition def) in gone)
        {
            Unapply(key, def);
            Log.ZoneDeleted(_logger, key.ToString(), def.Type, "admin store");
        }

        foreach ((ZoneKey key, ZoneDefinition def) in wanted)
        {
            bool known;
            lock (_zones)
            {
                known = _zones.ContainsKey(key);
            }

            if (!known)
            {
                await LoadAsync(key, def, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Serves a zone the admin store defines: a primary from the zone store, a forwarder at once.</summary>
    private async Task LoadAsync(ZoneKey key, ZoneDefinition def, CancellationToken ct)
    {
        ZoneSnapshot? snapshot = null;
        if (def.Type == "primary")
        {
            if (_writer.Store is not { } store)
            {
                return;
            }

            // The creator commits the zone data before the definition, so a definition without data
            // is a delete in progress (or damage): never create data here, only serve what is there.
            StoredZone? stored = await Guard(() => store.LoadZoneAsync(key, ct)).ConfigureAwait(false);
            if (stored is null)
            {
                Log.MissingData(_logger, key.ToString());
                return;
            }

            snapshot = ZoneSnapshot.Create(key.Origin, stored.ToRecords());
            _writer.Forget(key);
            _catalog.Publish(key, snapshot);
        }

        Apply(key, def, snapshot);
        Log.ZoneLoaded(_logger, key.ToString(), def.Type);
    }

    /// <summary>Routing (forwarder) or update and transfer grants (primary), and the in-memory list.</summary>
    private void Apply(ZoneKey key, ZoneDefinition def, ZoneSnapshot? snapshot)
    {
        if (def.Type == "forwarder")
        {
            string protocol = ForwarderAddresses.ParseProtocol(def.Protocol);
            _routing.SetZone(key.View, key.Origin, ForwarderAddresses.Parse(def.Forwarders, protocol, "forwarders"));
        }
        else if (snapshot is not null)
        {
            _dynamic.SetZone(GrantsFor(key, def.UpdateKeys ?? []));
        }

        lock (_zones)
        {
            _zones[key] = def;
        }
    }

    private void Unapply(ZoneKey key, ZoneDefinition def)
    {
        if (def.Type == "forwarder")
        {
            _routing.RemoveZone(key.View, key.Origin);
        }
        else
        {
            _dynamic.RemoveZone(key);
            _catalog.Remove(key);
            _writer.Forget(key);
        }

        lock (_zones)
        {
            _zones.Remove(key);
        }
    }

    /// <summary>
    /// update_keys: each key may change every name and type in the zone and transfer it (what
    /// external-dns needs: it reads the zone by AXFR). Without keys, UPDATE is refused.
    /// </summary>
    private static DynamicZoneSettings GrantsFor(ZoneKey key, IReadOnlyList<string> keys) => new()
    {
        Key = key,
        Policy = keys.Count == 0 ? ZoneUpdatePolicy.DenyAll
            : new ZoneUpdatePolicy([.. keys.Select(k => new UpdateGrant(k, [NamePattern.Parse("**", key.Origin)], [], []))]),
        Transfer = keys.Count == 0 ? TransferAcl.DenyAll : new TransferAcl([new TransferRule(keys, [])]),
    };
}
