using SplitDns.Server.Hosting;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.Server.Zones;

/// <summary>
/// Turns a configured zone file into a validated <see cref="ZoneSnapshot"/>, or into errors that
/// say file:line:reason (parser) or file: reason (zone rules, e.g. a missing SOA).
/// </summary>
public sealed class ZoneFileSource
{
    private readonly IZoneFileLoader _loader;
    private readonly IZoneFileReconciler? _reconciler;

    public ZoneFileSource(IZoneFileLoader loader, IZoneFileReconciler? reconciler = null)
    {
        _loader = loader;
        _reconciler = reconciler;
    }

    public bool TryLoad(ZoneSettings zone, out ZoneSnapshot? snapshot, List<string> errors)
    {
        snapshot = null;
        if (!File.Exists(zone.File))
        {
            errors.Add($"{zone.File}: zone file for {zone.Key} not found ({zone.ConfigKey}:File)");
            return false;
        }

        ZoneFileLoad load;
        try
        {
            load = _loader.LoadZoneFile(zone.File, zone.Origin);
        }
        catch (IOException ex)
        {
            errors.Add($"{zone.File}: {ex.Message}");
            return false;
        }

        if (load.Errors.Count > 0)
        {
            errors.AddRange(load.Errors);
            return false;
        }

        try
        {
            // Validate the file alone first: a broken file must never reach the store.
            snapshot = ZoneSnapshot.Create(zone.Origin, load.Records);
            if (_reconciler is not null)
            {
                snapshot = ZoneSnapshot.Create(zone.Origin, _reconciler.Reconcile(zone.Key, load.Records));
            }

            return true;
        }
        catch (ArgumentException ex)
        {
            errors.Add($"{zone.File}: {ex.Message}");
            return false;
        }
    }
}
