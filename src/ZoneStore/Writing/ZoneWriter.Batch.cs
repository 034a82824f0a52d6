using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Persistence;
using SplitDns.ZoneStore.Updates;

namespace SplitDns.ZoneStore.Writing;

public sealed partial class ZoneWriter
{
    // Each conflict means another writer's commit landed first, so every retry makes progress;
    // the bound only stops a livelock between many replicas hammering one zone.
    private const int MaxCommitAttempts = 32;

    /// <summary>
    /// Applies a batch one update after another, each against the state the earlier ones left
    /// (RFC 2136 §3.2 prerequisites see them; §3.6 one serial per effective update), then commits
    /// every effective update in one transaction and publishes one snapshot. A failed update
    /// changes nothing (its checks come before its first RR), so it never affects the others.
    /// Completes every update of the batch, or throws with nothing committed.
    /// </summary>
    private async Task CommitBatchAsync(ZoneKey origin, List<PendingChange> batch)
    {
        for (int attempt = 0; ; attempt++)
        {
            // After a conflict, another writer's commit landed first. From the second conflict on,
            // wait a random while (up to 2^(attempt-1) ms, at most 64) before trying again, and
            // outside the zone lock: writers that keep colliding spread out instead of live-locking,
            // and the updates queuing here meanwhile form a bigger next batch.
            if (attempt > 1)
            {
                await Task.Delay(Random.Shared.Next(1, 1 + Math.Min(64, 1 << (attempt - 1)))).ConfigureAwait(false);
            }

            // A shared store's write session holds the zone's lock from here to the commit: catch
            // up with the other writers, then apply and commit while they wait, so the commit's
            // compare-and-set finds the serial we applied to.
            IZoneWriteSession? session = _store is IZoneWriteSessions sessions
                ? await sessions.BeginZoneWriteAsync(origin, CancellationToken.None).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"store commit of {origin} failed: {CommitStatus.NoSuchZone}")
                : null;
            try
            {
                // Take the other writers' journal rows (O(their changes)); the batch is then
                // re-applied on top, prerequisites and all, exactly as if it had come later.
                if (session is not null)
                {
                    await CatchUpInSessionAsync(origin, session).ConfigureAwait(false);
                }
                else if (attempt > 0)
                {
                    await CatchUpLockedAsync(origin, CancellationToken.None).ConfigureAwait(false);
                }

                if (attempt > 0)
                {
                    Log.CommitConflict(_logger, origin.ToString(), attempt, _catalog.Get(origin)?.Serial ?? 0);
                }

                if (await TryCommitBatchAsync(origin, batch, attempt, session).ConfigureAwait(false) is { } done)
                {
                    if (!done)
                    {
                        break;
                    }

                    return;
                }
            }
            finally
            {
                if (session is not null)
                {
                    await session.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        // One update of the batch was rejected by the snapshot: commit each alone (outside the lock).
        await CommitOneByOneAsync(origin, batch).ConfigureAwait(false);
    }

    /// <summary>
    /// One attempt at the batch: true when it is done (committed, or nothing to commit), false
    /// when it must be committed one by one, null when another writer moved the zone first and
    /// the batch is to be applied again.
    /// </summary>
    private async Task<bool?> TryCommitBatchAsync(ZoneKey origin, List<PendingChange> batch, int attempt, IZoneWriteSession? session)
    {
        ZoneSnapshot current = _catalog.Get(origin) ?? throw new InvalidOperationException($"zone {origin} is not loaded");
        ZoneWorkingSet working = TakeWorkingSet(origin, current);
        var owners = new HashSet<DnsName>();
        List<ZoneCommit> commits = ApplyBatch(origin, batch, working, owners);
        if (commits.Count == 0)
        {
            // Refusals and no-ops leave no trace: nothing to commit, the working set is unchanged.
            _working[origin] = (current, working);
            CompleteAll(batch);
            return true;
        }

        ZoneSnapshot next;
        try
        {
            // Validate before committing: nothing that the snapshot would reject reaches the disk.
            next = BuildNext(current, working, owners);
        }
        catch (ArgumentException) when (batch.Count > 1)
        {
            return false;
        }

        (bool stored, long? journalRows) = await StoreAsync(origin, commits, attempt, session).ConfigureAwait(false);
        if (!stored)
        {
            return null;
        }

        _committed[origin] = next;
        _working[origin] = (next, working);
        _catalog.Publish(origin, next);
        if (_store is not null)
        {
            JournalLengthChanged?.Invoke(origin,
                journalRows ?? await _store.CountJournalAsync(origin, CancellationToken.None).ConfigureAwait(false));
        }

        Committed?.Invoke(next);
        CompleteAll(batch);
        return true;
    }

    /// <summary>Applies each update in turn; returns one store change per effective update and collects the owners they touch.</summary>
    private List<ZoneCommit> ApplyBatch(ZoneKey origin, List<PendingChange> batch, ZoneWorkingSet working, HashSet<DnsName> owners)
    {
        var commits = new List<ZoneCommit>(batch.Count);
        foreach (PendingChange p in batch)
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            ZoneChangeRequest r = p.Request;
            UpdateResult result = _processor.Apply(r.Update!, working, r.Policy!, r.Actor, r.Client!.Address, now);
            if (result.Rcode == DnsRcode.NoError && result.Changed && r.Guard?.Check(r, result, working) is { } held)
            {
                // Held (the mass-deletion guard): the whole UPDATE changes nothing (RFC 2136 §3.4).
                working.DiscardChanges();
                result = held;
            }

            // The next update's diff (its journal row) starts from here.
            working.AcceptChanges();
            p.Result = result;
            if (result.Rcode == DnsRcode.NoError && result.Changed)
            {
                commits.Add(new ZoneCommit(origin, result.OldSerial, result.NewSerial, result.Deleted, result.Added,
                    r.Provenance, r.Actor, r.Client.Address.ToString(), now));
                AddOwners(owners, result.Deleted);
                AddOwners(owners, result.Added);
            }
        }

        return commits;
    }

    /// <summary>
    /// Commits the batch durably, in the write session when there is one. Stored is false when
    /// another writer (a replica, a zone-file reload) moved the zone on first: the batch is then
    /// to be re-applied on the store's state. JournalRows is the zone's journal length when the
    /// commit reported it.
    /// </summary>
    private async Task<(bool Stored, long? JournalRows)> StoreAsync(ZoneKey origin, List<ZoneCommit> commits, int attempt,
        IZoneWriteSession? session)
    {
        if (_store is null)
        {
            return (true, null);
        }

        long? journalRows = null;
        CommitStatus status;
        if (session is not null)
        {
            journalRows = await session.CommitAsync(commits, CancellationToken.None).ConfigureAwait(false);
            status = journalRows is null ? CommitStatus.Conflict : CommitStatus.Committed;
        }
        else
        {
            status = await _store.CommitAsync(commits, CancellationToken.None).ConfigureAwait(false);
        }

        if (status == CommitStatus.Conflict && attempt < MaxCommitAttempts - 1)
        {
            // Another writer committed first: the next attempt catches up and re-applies.
            return (false, null);
        }

        return status == CommitStatus.Committed
            ? (true, journalRows)
            : throw new InvalidOperationException($"store commit of {origin} failed: {status}");
    }

    /// <summary>
    /// One update in the batch produced data the snapshot rejects (a bug guard: the processor's
    /// checks should prevent it). Commit each alone so only that one fails.
    /// </summary>
    private async Task CommitOneByOneAsync(ZoneKey origin, List<PendingChange> batch)
    {
        foreach (PendingChange p in batch)
        {
            try
            {
                await CommitBatchAsync(origin, [p]).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                p.Fail(ex);
            }
        }
    }

    /// <summary>The working set of the published snapshot, reused while it is current (else rebuilt from the snapshot).</summary>
    private ZoneWorkingSet TakeWorkingSet(ZoneKey origin, ZoneSnapshot current)
    {
        // Taken out while in use: if the batch fails half-way it is simply never put back.
        ZoneWorkingSet working = _working.TryRemove(origin, out var cached) && ReferenceEquals(cached.Base, current)
            ? cached.Set : new ZoneWorkingSet(origin.Origin, current.Records);
        return working;
    }

    /// <summary>
    /// The next snapshot, derived from the current one by re-building only the changed owners
    /// (O(changes) per RRset instead of O(zone)); a change that moves a zone cut or DNAME
    /// re-flags a subtree and is built in full.
    /// </summary>
    private static ZoneSnapshot BuildNext(ZoneSnapshot current, ZoneWorkingSet working, HashSet<DnsName> owners)
    {
        var changed = new Dictionary<DnsName, List<ResourceRecord>>(owners.Count);
        foreach (DnsName owner in owners)
        {
            changed[owner] = working.RecordsAt(owner);
        }

        return current.WithChanges(changed) ?? ZoneSnapshot.Create(current.Origin, working.ToRecords());
    }

    private static void AddOwners(HashSet<DnsName> owners, List<ResourceRecord> records)
    {
        foreach (ResourceRecord rr in records)
        {
            owners.Add(rr.Name);
        }
    }

    private static void CompleteAll(List<PendingChange> batch)
    {
        foreach (PendingChange p in batch)
        {
            p.Complete();
        }
    }
}
