using SplitDns.Protocol.Names;
using SplitDns.Server.Views;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.Server.Updates;

/// <summary>
/// Which instance of a zone an UPDATE, a transfer or a NOTIFY acts on when views give one origin
/// several instances (split horizon). In order: the only instance there is; the one instance
/// whose grants name the request's TSIG key (the key names the view: external-dns's key the
/// shared zone, another key a view's own copy); the instance the client's view sees; else none,
/// and the request is refused NOTAUTH with the reason.
/// </summary>
public static class ZoneInstanceSelector
{
    public static ZoneKey? Select(DnsName origin, DnsView? view, string? keyName, ZoneCatalog catalog,
        Func<ZoneKey, bool> grantsKey, out string? reason)
    {
        reason = null;
        List<ZoneKey> candidates = catalog.InstancesOf(origin);
        if (candidates.Count <= 1)
        {
            return candidates.Count == 1 ? candidates[0] : null;
        }

        if (keyName is not null)
        {
            ZoneKey? granted = null;
            int count = 0;
            foreach (ZoneKey key in candidates)
            {
                if (grantsKey(key))
                {
                    granted = key;
                    count++;
                }
            }

            if (count == 1)
            {
                return granted;
            }
        }

        if (view?.Zones.Get(origin) is { } seen && candidates.Contains(seen.Key))
        {
            return seen.Key;
        }

        reason = $"zone {origin} has an instance per view ({string.Join(", ", candidates)}) and neither the key nor the client's view picks one";
        return null;
    }
}
