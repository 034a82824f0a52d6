using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Persistence;
using SplitDns.ZoneStore.Updates;

namespace SplitDns.ZoneStore.Writing;

public sealed partial class ZoneWriter
{
    /// <summary>
    /// Raised after journal rows another writer committed were applied here: the zone, how many
    /// rows, and the newest row's commit time (so now minus it is the propagation delay).
    /// </summary>
    public event Action<ZoneKey, int, DateTimeOffset>? CaughtUp;

    /// <summary>
    /// Brings a zone's published snapshot up to what the store holds when another writer (a
    /// replica sharing the database) committed after it: the journal rows after the published
    /// serial are applied in order to the working set and one new snapshot is published (O(changes));
    /// when the journal does not reach back that far, the zone is reloaded whole. Runs under the
    /// zone's gate, so it never interleaves with a local commit. Returns the serial published
    /// (unchanged when the snapshot was already current), or null for a zone not loaded here.
    /// </summary>
    public async Task<uint?> CatchUpAsync(ZoneKey zone, CancellationToken ct)
    {
        if (_store is null || _catalog.Get(zone) is null)
        {
            return null;
        }

        SemaphoreSlim gate = Gate(zone);
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await CatchUpLockedAsync(zone, ct).ConfigureAwait(false);
            return _catalog.Get(zone)?.Serial;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary><see cref="CatchUpAsync"/> for a caller that holds the zone's gate (also the conflict path of a commit).</summary>
    private async Task CatchUpLockedAsync(ZoneKey zone, CancellationToken ct)
    {
        ZoneSnapshot current = _catalog.Get(zone)!;
        IReadOnlyList<JournalEntry>? entries = await _store!.ReadJournalAsync(zone, current.Serial, ct).ConfigureAwait(false);
        await ApplyJournalAsync(zone, current, entries, countJournal: true, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The catch-up of a commit holding a write session: the rows are read in the session's
    /// transaction, under the zone's lock, and only when the store's serial moved past ours. The
    /// commit that follows reports the journal length, so it is not counted here.
    /// </summary>
    private async Task CatchUpInSessionAsync(ZoneKey zone, IZoneWriteSession session)
    {
        ZoneSnapshot current = _catalog.Get(zone)!;
        if (session.Serial == current.Serial)
        {
            return;
        }

        IReadOnlyList<JournalEntry>? entries = await session.ReadJournalAsync(current.Serial, CancellationToken.None).ConfigureAwait(false);
        await ApplyJournalAsync(zone, current, entries, countJournal: false, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies journal rows another writer committed to the published snapshot and publishes the
    /// result; null rows (the journal does not reach back to our serial) reload the zone whole.
    /// </summary>
    private async Task ApplyJournalAsync(ZoneKey zone, ZoneSnapshot current, IReadOnlyList<JournalEntry>? entries, bool countJournal,
        CancellationToken ct)
    {
        if (entries is null)
        {
            await RefreshFromStoreAsync(zone, ct).ConfigureAwait(false);
            return;
        }

        if (entries.Count == 0)
        {
            return;
        }

        ZoneWorkingSet working = TakeWorkingSet(zone, current);
        var owners = new HashSet<DnsName>();
        foreach (JournalEntry entry in entries)
        {
            foreach (ResourceRecord rr in entry.Deleted)
            {
                working.Remove(rr.Name, rr.Type, rr.Data);
                owners.Add(rr.Name);
            }

            foreach (ResourceRecord rr in entry.Added)
            {
                working.Add(rr);
                owners.Add(rr.Name);
            }
        }

        working.AcceptChanges();
        ZoneSnapshot next;
        try
        {
            next = BuildNext(current, working, owners);
        }
        catch (ArgumentException)
        {
            // The rows did not apply cleanly to what is published here: take the store's copy.
            await RefreshFromStoreAsync(zone, ct).ConfigureAwait(false);
            return;
        }

        _committed[zone] = next;
        _working[zone] = (next, working);
        _catalog.Publish(zone, next);
        Log.CaughtUp(_logger, zone.ToString(), entries.Count, current.Serial, next.Serial);
        CaughtUp?.Invoke(zone, entries.Count, entries[^1].Time);
        if (countJournal)
        {
            JournalLengthChanged?.Invoke(zone, await _store!.CountJournalAsync(zone, ct).ConfigureAwait(false));
        }
    }
}
