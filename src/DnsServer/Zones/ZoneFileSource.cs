using SplitDns.Server.Hosting;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Writing;

namespace SplitDns.Server.Zones;

/// <summary>
/// Turns a configured zone file into a validated <see cref="ZoneSnapshot"/>, or into errors that
/// say file:line:reason (parser) or file: reason (zone rules, e.g. a missing SOA). With a write
/// path, a valid file is reconciled into the store through it (file records replaced, dynamic
/// and API ones kept) and the snapshot holds the zone's full records.
/// </summary>
public sealed class ZoneFileSource
{
    private readonly IZoneFileLoader _loader;
    private readonly ZoneWriter? _writer;

    public ZoneFileSource(IZoneFileLoader loader, ZoneWriter? writer = null)
    {
        _loader = loader;
        _writer = writer;
    }

    /// <summary>The zone's snapshot, or null with the reasons added to <paramref name="errors"/>.</summary>
    public async Task<ZoneSnapshot?> LoadAsync(ZoneSettings zone, List<string> errors, CancellationToken ct)
    {
        if (!File.Exists(zone.File))
        {
            errors.Add($"{zone.File}: zone file for {zone.Key} not found ({zone.ConfigKey}:File)");
            return null;
        }

        ZoneFileLoad load;
        try
        {
            load = _loader.LoadZoneFile(zone.File, zone.Origin);
        }
        catch (IOException ex)
        {
            errors.Add($"{zone.File}: {ex.Message}");
            return null;
        }

        if (load.Errors.Count > 0)
        {
            errors.AddRange(load.Errors);
            return null;
        }

        try
        {
            // Validate the file alone first: a broken file must never reach the store.
            ZoneSnapshot snapshot = ZoneSnapshot.Create(zone.Origin, load.Records);
            if (_writer is null)
            {
                return snapshot;
            }

            ZoneChangeOutcome outcome = await _writer.SubmitAsync(ZoneChangeRequest.File(zone.Key, load.Records), ct).ConfigureAwait(false);
            return ZoneSnapshot.Create(zone.Origin, outcome.Records!);
        }
        catch (ArgumentException ex)
        {
            errors.Add($"{zone.File}: {ex.Message}");
            return null;
        }
    }
}
