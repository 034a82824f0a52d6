using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Persistence;
using SplitDns.ZoneStore.Updates;

namespace SplitDns.ZoneStore.Writing;

/// <summary>
/// The write path, the one way any change reaches a zone: <see cref="SubmitAsync"/> takes a
/// <see cref="ZoneChangeRequest"/> (RFC 2136, API or zone file) and returns once the change is
/// committed to the store and published. UPDATE-shaped changes for a zone queue to one writer,
/// which applies everything queued in arrival order (each with its own prerequisites, journal row
/// and serial), commits the batch in one durable store transaction (compare-and-set on the
/// serial, re-applied when another writer moved the zone first), publishes one new snapshot, and
/// only then completes the callers, so an acknowledged change is both on disk and visible to the
/// next query. Zone files are reconciled under the same per-zone gate. A stale snapshot published
/// over a newer committed one (a reload racing an update) is replaced by the committed one.
/// Without a store, UPDATE-shaped changes apply in memory only and a file is served as it is.
/// </summary>
public sealed partial class ZoneWriter : IDisposable
{
    private readonly IZoneStore? _store;
    private readonly ZoneCatalog _catalog;
    private readonly UpdateProcessor _processor;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<ZoneKey, SemaphoreSlim> _locks = new();
    private readonly ConcurrentDictionary<ZoneKey, ZoneQueue> _queues = new();
    private readonly ConcurrentDictionary<ZoneKey, ZoneSnapshot> _committed = new();

    // The working set of the last committed snapshot, reused while that snapshot is current so
    // an update costs O(changes) here instead of rebuilding from every record of the zone.
    private readonly ConcurrentDictionary<ZoneKey, (ZoneSnapshot Base, ZoneWorkingSet Set)> _working = new();

    public ZoneWriter(UpdateSettings serial, ZoneCatalog catalog, ILogger logger, IZoneStore? store = null)
    {
        _store = store;
        _catalog = catalog;
        _logger = logger;
        _processor = new UpdateProcessor(serial);
        _catalog.Changed += OnCatalogChanged;
    }

    /// <summary>Raised after an UPDATE batch is committed and published (NOTIFY watches the catalog instead, so it also sees reloads).</summary>
    public event Action<ZoneSnapshot>? Committed;

    /// <summary>Raised with a zone's journal length after each commit or reconcile (for the journal gauge).</summary>
    public event Action<ZoneKey, long>? JournalLengthChanged;

    public bool HasStore => _store is not null;

    public IZoneStore? Store => _store;

    /// <summary>
    /// Applies one change. Dynamic and API changes complete when committed and published (or
    /// failed: the exception is the store's); a caller that stops waiting does not cancel the
    /// commit. File changes return the zone's full records to publish (the caller publishes, so
    /// a start-up that finds a broken zone publishes none).
    /// </summary>
    public async Task<ZoneChangeOutcome> SubmitAsync(ZoneChangeRequest request, CancellationToken ct)
    {
        if (request.Provenance == RecordProvenance.File)
        {
            ReconcileFileResult file = await ReconcileAsync(request.Zone, request.FileRecords!, ct).ConfigureAwait(false);
            return new ZoneChangeOutcome(null, file.Result, file.Records);
        }

        UpdateResult result = await EnqueueAsync(request, ct).ConfigureAwait(false);
        return new ZoneChangeOutcome(result, null, null);
    }

    /// <summary>
    /// Reconciles a zone file's records into the store; returns the zone's full records (file +
    /// dynamic + API). Without a store: the file's records.
    /// </summary>
    private async Task<ReconcileFileResult> ReconcileAsync(ZoneKey zone, IReadOnlyList<ResourceRecord> fileRecords, CancellationToken ct)
    {
        if (_store is null)
        {
            return new ReconcileFileResult(null, fileRecords);
        }

        SemaphoreSlim gate = Gate(zone);
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ReconcileResult r = await _store.ReconcileFileAsync(zone, fileRecords, DateTimeOffset.UtcNow, ct).ConfigureAwait(false);
            Log.Reconciled(_logger, zone.ToString(), r.Status.ToString(), r.Serial, r.Deleted, r.Added);
            StoredZone stored = r.Records is { } held ? new StoredZone(zone, r.Serial, held)
                : await _store.LoadZoneAsync(zone, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"zone {zone} missing from the store right after its reconcile");
            _committed.TryRemove(zone, out _);
            JournalLengthChanged?.Invoke(zone, await _store.CountJournalAsync(zone, ct).ConfigureAwait(false));
            return new ReconcileFileResult(r, stored.ToRecords());
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Queues an UPDATE-shaped change for its zone's group commit. The zone must be in the catalog.</summary>
    private Task<UpdateResult> EnqueueAsync(ZoneChangeRequest request, CancellationToken ct)
    {
        var pending = new PendingChange(request);
        ZoneQueue queue = _queues.GetOrAdd(request.Zone, static _ => new ZoneQueue());
        bool start;
        lock (queue.Lock)
        {
            queue.Pending.Add(pending);
            start = !queue.Draining;
            queue.Draining = true;
        }

        if (start)
        {
            _ = Task.Run(() => DrainAsync(request.Zone, queue), CancellationToken.None);
        }

        // A client that goes away stops waiting; its change still commits (or not) with the batch.
        return pending.Completion.WaitAsync(ct);
    }

    /// <summary>
    /// The zone's single writer: takes everything queued, commits it as one batch, and repeats
    /// until the queue is empty. Changes that arrive during a commit form the next batch, so
    /// the more writers wait, the more one fsync carries (group commit).
    /// </summary>
    private async Task DrainAsync(ZoneKey zone, ZoneQueue queue)
    {
        while (true)
        {
            List<PendingChange> batch;
            lock (queue.Lock)
            {
                if (queue.Pending.Count == 0)
                {
                    queue.Draining = false;
                    return;
                }

                batch = queue.Pending;
                queue.Pending = [];
            }

            SemaphoreSlim gate = Gate(zone);
            await gate.WaitAsync().ConfigureAwait(false);
            try
            {
                await CommitBatchAsync(zone, batch).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Nothing of the batch was published; every waiting caller gets the error (SERVFAIL).
                foreach (PendingChange p in batch)
                {
                    p.Fail(ex);
                }
            }
            finally
            {
                gate.Release();
            }
        }
    }

    /// <summary>Another writer (replica, reload) moved the store on: publish what the store has.</summary>
    private async Task RefreshFromStoreAsync(ZoneKey zone, CancellationToken ct)
    {
        StoredZone? stored = await _store!.LoadZoneAsync(zone, ct).ConfigureAwait(false);
        if (stored is not null)
        {
            ZoneSnapshot snapshot = ZoneSnapshot.Create(zone.Origin, stored.ToRecords());
            _committed[zone] = snapshot;
            _catalog.Publish(zone, snapshot);
        }
    }

    private void OnCatalogChanged(ZoneChange change)
    {
        if (change.Current is { } current && _committed.TryGetValue(change.Key, out ZoneSnapshot? committed)
            && !ReferenceEquals(current, committed) && SerialArithmetic.IsNewer(committed.Serial, current.Serial))
        {
            Log.StaleRepublished(_logger, change.Key.ToString(), current.Serial, committed.Serial);
            _catalog.Publish(change.Key, committed);
        }
    }

    /// <summary>
    /// Forgets what the writer remembers of a zone that was deleted (its last committed snapshot
    /// and working set), so a zone created again under the same key starts from its own data and
    /// is never replaced by the old zone's newer-serial snapshot.
    /// </summary>
    public void Forget(ZoneKey zone)
    {
        _committed.TryRemove(zone, out _);
        _working.TryRemove(zone, out _);
    }

    private SemaphoreSlim Gate(ZoneKey zone) => _locks.GetOrAdd(zone, static _ => new SemaphoreSlim(1, 1));

    public void Dispose() => _catalog.Changed -= OnCatalogChanged;

    private readonly record struct ReconcileFileResult(ReconcileResult? Result, IReadOnlyList<ResourceRecord> Records);
}
