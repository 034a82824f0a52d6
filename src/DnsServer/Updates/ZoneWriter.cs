using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Zones;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Persistence;
using SplitDns.ZoneStore.Updates;

namespace SplitDns.Server.Updates;

/// <summary>
/// The write path (DESIGN "The write path") with group commit: UPDATEs for a zone queue to one
/// writer, which applies everything queued in arrival order (each with its own prerequisites,
/// journal row and serial), commits the batch in one durable store transaction, publishes one
/// new snapshot, and only then lets the responses go, so an acknowledged update is both on disk
/// and visible to the next query.
/// Also reconciles zone files into the store and guards against a stale snapshot being
/// published over a newer committed one (a zone-file reload racing an update).
/// </summary>
public sealed partial class ZoneWriter : IZoneFileReconciler, IDisposable
{
    private readonly IZoneStore? _store;
    private readonly ZoneCatalog _catalog;
    private readonly UpdateProcessor _processor;
    private readonly UpdateMetrics _metrics;
    private readonly ILogger<ZoneWriter> _logger;
    private readonly ConcurrentDictionary<ZoneKey, SemaphoreSlim> _locks = new();
    private readonly ConcurrentDictionary<ZoneKey, ZoneQueue> _queues = new();
    private readonly ConcurrentDictionary<ZoneKey, ZoneSnapshot> _committed = new();

    // The working set of the last committed snapshot, reused while that snapshot is current so
    // an update costs O(changes) here instead of rebuilding from every record of the zone.
    private readonly ConcurrentDictionary<ZoneKey, (ZoneSnapshot Base, ZoneWorkingSet Set)> _working = new();

    public ZoneWriter(DynamicSettings settings, ZoneCatalog catalog, UpdateMetrics metrics, ILogger<ZoneWriter> logger, IZoneStore? store = null)
    {
        _store = store;
        _catalog = catalog;
        _metrics = metrics;
        _logger = logger;
        _processor = new UpdateProcessor(settings.Serial);
        _catalog.Changed += OnCatalogChanged;
    }

    /// <summary>Raised after an UPDATE batch is committed and published (NOTIFY watches the catalog instead, so it also sees reloads).</summary>
    public event Action<ZoneSnapshot>? Committed;

    public bool HasStore => _store is not null;

    public IZoneStore? Store => _store;

    /// <summary>
    /// Reconciles a zone file's records into the store and returns the zone's full records
    /// (file + dynamic), the input of the snapshot to publish. Without a store: the file's records.
    /// </summary>
    public IReadOnlyList<ResourceRecord> Reconcile(ZoneKey origin, IReadOnlyList<ResourceRecord> fileRecords)
    {
        if (_store is null)
        {
            return fileRecords;
        }

        SemaphoreSlim gate = Gate(origin);
        gate.Wait();
        try
        {
            ReconcileResult r = _store.ReconcileFileAsync(origin, fileRecords, DateTimeOffset.UtcNow, default).GetAwaiter().GetResult();
            Log.Reconciled(_logger, origin.ToString(), r.Status.ToString(), r.Serial, r.Deleted, r.Added);
            StoredZone zone = _store.LoadZoneAsync(origin, default).GetAwaiter().GetResult()!;
            List<ResourceRecord> records = zone.ToRecords();
            _committed.TryRemove(origin, out _);
            _metrics.JournalLength(origin.ToString(), _store.CountJournalAsync(origin, default).GetAwaiter().GetResult());
            return records;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Queues one UPDATE for its zone's group commit and completes once it is committed and
    /// published (or failed). The zone must be in the catalog.
    /// </summary>
    public Task<UpdateResult> ApplyAsync(ZoneKey origin, DnsMessage message, ZoneUpdatePolicy policy,
        string? keyName, IPEndPoint client, CancellationToken ct)
    {
        var pending = new PendingUpdate(message, policy, keyName, client);
        ZoneQueue queue = _queues.GetOrAdd(origin, static _ => new ZoneQueue());
        bool start;
        lock (queue.Lock)
        {
            queue.Pending.Add(pending);
            start = !queue.Draining;
            queue.Draining = true;
        }

        if (start)
        {
            _ = Task.Run(() => DrainAsync(origin, queue), CancellationToken.None);
        }

        // A client that goes away stops waiting; its update still commits (or not) with the batch.
        return pending.Completion.WaitAsync(ct);
    }

    /// <summary>
    /// The zone's single writer: takes everything queued, commits it as one batch, and repeats
    /// until the queue is empty. Updates that arrive during a commit form the next batch, so
    /// the more writers wait, the more one fsync carries (group commit).
    /// </summary>
    private async Task DrainAsync(ZoneKey origin, ZoneQueue queue)
    {
        while (true)
        {
            List<PendingUpdate> batch;
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

            SemaphoreSlim gate = Gate(origin);
            await gate.WaitAsync().ConfigureAwait(false);
            try
            {
                await CommitBatchAsync(origin, batch).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Nothing of the batch was published; every waiting client gets the error (SERVFAIL).
                foreach (PendingUpdate p in batch)
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
    private async Task RefreshFromStoreAsync(ZoneKey origin, CancellationToken ct)
    {
        StoredZone? stored = await _store!.LoadZoneAsync(origin, ct).ConfigureAwait(false);
        if (stored is not null)
        {
            ZoneSnapshot snapshot = ZoneSnapshot.Create(origin.Origin, stored.ToRecords());
            _committed[origin] = snapshot;
            _catalog.Publish(origin, snapshot);
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

    private SemaphoreSlim Gate(ZoneKey origin) => _locks.GetOrAdd(origin, static _ => new SemaphoreSlim(1, 1));

    public void Dispose() => _catalog.Changed -= OnCatalogChanged;
}
