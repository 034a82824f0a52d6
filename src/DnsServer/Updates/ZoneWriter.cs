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
/// The write path (DESIGN "The write path"): one writer per zone at a time applies an UPDATE to
/// the current snapshot, commits the change with its journal row durably, and only then swaps
/// the new snapshot in, so an acknowledged update is both on disk and visible to the next query.
/// Also reconciles zone files into the store and guards against a stale snapshot being
/// published over a newer committed one (a zone-file reload racing an update).
/// </summary>
public sealed class ZoneWriter : IZoneFileReconciler, IDisposable
{
    private readonly IZoneStore? _store;
    private readonly ZoneCatalog _catalog;
    private readonly UpdateProcessor _processor;
    private readonly UpdateMetrics _metrics;
    private readonly ILogger<ZoneWriter> _logger;
    private readonly ConcurrentDictionary<DnsName, SemaphoreSlim> _locks = new();
    private readonly ConcurrentDictionary<DnsName, ZoneSnapshot> _committed = new();

    // The working set of the last committed snapshot, reused while that snapshot is current so
    // an update costs O(changes) here instead of rebuilding from every record of the zone.
    private readonly ConcurrentDictionary<DnsName, (ZoneSnapshot Base, ZoneWorkingSet Set)> _working = new();

    public ZoneWriter(DynamicSettings settings, ZoneCatalog catalog, UpdateMetrics metrics, ILogger<ZoneWriter> logger, IZoneStore? store = null)
    {
        _store = store;
        _catalog = catalog;
        _metrics = metrics;
        _logger = logger;
        _processor = new UpdateProcessor(settings.Serial);
        _catalog.Changed += OnCatalogChanged;
    }

    /// <summary>Raised after a change is committed and published (NOTIFY hooks here).</summary>
    public event Action<ZoneSnapshot>? Committed;

    public bool HasStore => _store is not null;

    public IZoneStore? Store => _store;

    /// <summary>
    /// Reconciles a zone file's records into the store and returns the zone's full records
    /// (file + dynamic), the input of the snapshot to publish. Without a store: the file's records.
    /// </summary>
    public IReadOnlyList<ResourceRecord> Reconcile(DnsName origin, IReadOnlyList<ResourceRecord> fileRecords)
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

    /// <summary>Applies, commits and publishes one UPDATE. The zone must be in the catalog.</summary>
    public async Task<UpdateResult> ApplyAsync(DnsName origin, DnsMessage message, ZoneUpdatePolicy policy,
        string? keyName, IPEndPoint client, CancellationToken ct)
    {
        SemaphoreSlim gate = Gate(origin);
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            for (int attempt = 0; ; attempt++)
            {
                ZoneSnapshot current = _catalog.Get(origin) ?? throw new InvalidOperationException($"zone {origin} is not loaded");
                ZoneWorkingSet working = _working.TryGetValue(origin, out var cached) && ReferenceEquals(cached.Base, current)
                    ? cached.Set : new ZoneWorkingSet(origin, current.Records);
                _working.TryRemove(origin, out _);
                DateTimeOffset now = DateTimeOffset.UtcNow;
                UpdateResult result = _processor.Apply(message, working, policy, keyName, client.Address, now);
                if (result.Rcode != DnsRcode.NoError || !result.Changed)
                {
                    // Failures are decided before any RR is applied, and no-ops leave no trace.
                    working.AcceptChanges();
                    _working[origin] = (current, working);
                    return result;
                }

                // Validate before committing: nothing that the snapshot would reject reaches the disk.
                ZoneSnapshot next = ZoneSnapshot.Create(origin, working.ToRecords());
                if (_store is not null)
                {
                    var commit = new ZoneCommit(origin, result.OldSerial, result.NewSerial, result.Deleted, result.Added,
                        RecordProvenance.Dynamic, keyName, client.Address.ToString(), now);
                    CommitStatus status = await _store.CommitAsync(commit, ct).ConfigureAwait(false);
                    if (status == CommitStatus.Conflict && attempt < 2)
                    {
                        await RefreshFromStoreAsync(origin, ct).ConfigureAwait(false);
                        continue;
                    }

                    if (status != CommitStatus.Committed)
                    {
                        throw new InvalidOperationException($"store commit of {origin} failed: {status}");
                    }
                }

                _committed[origin] = next;
                working.AcceptChanges();
                _working[origin] = (next, working);
                _catalog.Publish(next);
                if (_store is not null)
                {
                    _metrics.JournalLength(origin.ToString(), await _store.CountJournalAsync(origin, ct).ConfigureAwait(false));
                }

                Committed?.Invoke(next);
                return result;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Another writer (replica, reload) moved the store on: publish what the store has.</summary>
    private async Task RefreshFromStoreAsync(DnsName origin, CancellationToken ct)
    {
        StoredZone? stored = await _store!.LoadZoneAsync(origin, ct).ConfigureAwait(false);
        if (stored is not null)
        {
            ZoneSnapshot snapshot = ZoneSnapshot.Create(origin, stored.ToRecords());
            _committed[origin] = snapshot;
            _catalog.Publish(snapshot);
        }
    }

    private void OnCatalogChanged(ZoneChange change)
    {
        if (change.Current is { } current && _committed.TryGetValue(change.Origin, out ZoneSnapshot? committed)
            && !ReferenceEquals(current, committed) && SerialArithmetic.IsNewer(committed.Serial, current.Serial))
        {
            Log.StaleRepublished(_logger, change.Origin.ToString(), current.Serial, committed.Serial);
            _catalog.Publish(committed);
        }
    }

    private SemaphoreSlim Gate(DnsName origin) => _locks.GetOrAdd(origin, static _ => new SemaphoreSlim(1, 1));

    public void Dispose() => _catalog.Changed -= OnCatalogChanged;
}
