using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SplitDns.Server.Zones;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Persistence;
using SplitDns.ZoneStore.Writing;

namespace SplitDns.Server.Updates;

/// <summary>
/// Keeps this replica's zones in step with a store that other replicas write to. The change
/// feed (PostgreSQL LISTEN) names each zone another writer committed, and the zone catches up
/// from the journal rows after its published serial (<see cref="ZoneWriter.CatchUpAsync"/>).
/// Notifications are lost while the feed is disconnected, so on every (re)connect, and every
/// <c>Store:CatchUpInterval</c> besides, every zone catches up. The first successful contact
/// after a start with the database down also creates the schema and reconciles the zone files
/// that could not be reconciled then (<see cref="ZoneFileService.RetryAwaitingStoreAsync"/>).
/// </summary>
public sealed class StoreFollower : BackgroundService
{
    private readonly IZoneStore _store;
    private readonly IZoneChangeFeed _feed;
    private readonly ZoneWriter _writer;
    private readonly ZoneCatalog _catalog;
    private readonly ZoneFileService _files;
    private readonly StoreHealth _health;
    private readonly TimeSpan _interval;
    private readonly ILogger<StoreFollower> _logger;
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Lock _lock = new();
    private readonly HashSet<ZoneKey> _pending = [];
    private bool _all;

    public StoreFollower(IZoneStore store, IZoneChangeFeed feed, ZoneWriter writer, ZoneCatalog catalog, ZoneFileService files,
        StoreHealth health, DynamicSettings settings, ILogger<StoreFollower> logger)
    {
        _store = store;
        _feed = feed;
        _writer = writer;
        _catalog = catalog;
        _files = files;
        _health = health;
        _interval = settings.CatchUpInterval;
        _logger = logger;
        _feed.Changed += OnChanged;
        _feed.Connected += RequestAll;
        _feed.Disconnected += ex => _health.ReportDown(ex.Message);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Task feed = _feed.RunAsync(stoppingToken);
        using var timer = new PeriodicTimer(_interval);
        Task tick = TickAsync(timer, stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _signal.WaitAsync(stoppingToken).ConfigureAwait(false);
                await DrainAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(feed, tick).ConfigureAwait(false);
    }

    private async Task TickAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                RequestAll();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>A writer committed <paramref name="zone"/> up to <paramref name="serial"/> (our own commits too: those are skipped cheaply).</summary>
    private void OnChanged(ZoneKey zone, uint serial)
    {
        if (_catalog.Get(zone) is { } current && current.Serial == serial)
        {
            return;
        }

        lock (_lock)
        {
            _pending.Add(zone);
        }

        _signal.Release();
    }

    private void RequestAll()
    {
        lock (_lock)
        {
            _all = true;
        }

        _signal.Release();
    }

    private async Task DrainAsync(CancellationToken ct)
    {
        bool all;
        List<ZoneKey> zones;
        lock (_lock)
        {
            all = _all;
            _all = false;
            zones = all ? [] : [.. _pending];
            _pending.Clear();
        }

        if (all)
        {
            await SyncAllAsync(ct).ConfigureAwait(false);
            return;
        }

        foreach (ZoneKey zone in zones)
        {
            await CatchUpAsync(zone, ct).ConfigureAwait(false);
        }
    }

    private async Task SyncAllAsync(CancellationToken ct)
    {
        try
        {
            if (!_health.SchemaReady)
            {
                await _store.InitializeAsync(ct).ConfigureAwait(false);
                _health.SchemaReady = true;
            }

            if (_files.AwaitingStore > 0)
            {
                await _files.RetryAwaitingStoreAsync(ct).ConfigureAwait(false);
            }
        }
        catch (ZoneStoreUnavailableException ex)
        {
            _health.ReportDown(ex.Message);
            return;
        }

        bool reached = true;
        foreach (ZoneKey zone in _catalog.Entries.Keys)
        {
            reached &= await CatchUpAsync(zone, ct).ConfigureAwait(false);
        }

        if (reached && _files.AwaitingStore == 0)
        {
            _health.ReportUp();
        }
    }

    /// <summary>Catches one zone up; false when the store could not be reached.</summary>
    private async Task<bool> CatchUpAsync(ZoneKey zone, CancellationToken ct)
    {
        try
        {
            await _writer.CatchUpAsync(zone, ct).ConfigureAwait(false);
            return true;
        }
        catch (ZoneStoreUnavailableException ex)
        {
            _health.ReportDown(ex.Message);
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            Log.CatchUpFailed(_logger, zone.ToString(), ex.Message);
            return true;
        }
    }

    public override void Dispose()
    {
        _signal.Dispose();
        base.Dispose();
    }
}
