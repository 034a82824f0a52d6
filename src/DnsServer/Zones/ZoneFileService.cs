using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SplitDns.Server.Hosting;
using SplitDns.Server.Metrics;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Persistence;

namespace SplitDns.Server.Zones;

/// <summary>
/// Loads the configured zone files into the <see cref="ZoneCatalog"/> at start-up (any error
/// stops start-up), and reloads them on SIGHUP and when a file changes. A broken file on reload
/// keeps the last good snapshot serving and logs file:line:reason. A zone whose file could not be
/// reconciled because a shared store is unreachable at start-up is served from the snapshot cache
/// when there is a copy (else it waits, and /readyz says so) until <see cref="RetryAwaitingStoreAsync"/>
/// reconciles it once the store is back.
/// </summary>
public sealed partial class ZoneFileService : IHostedService, IDisposable
{
    private static readonly TimeSpan s_debounce = TimeSpan.FromMilliseconds(300);

    private readonly ServerSettings _settings;
    private readonly ZoneFileSource _source;
    private readonly ZoneCatalog _catalog;
    private readonly DnsServerMetrics _metrics;
    private readonly ILogger<ZoneFileService> _logger;
    private readonly SnapshotCache? _cache;
    private readonly HashSet<ZoneKey> _awaitingStore = [];
    private readonly HashSet<ZoneKey> _unpublished = [];
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private readonly Dictionary<string, (DateTime Written, long Length)> _stamps = [];
    private readonly List<FileSystemWatcher> _watchers = [];
    private PosixSignalRegistration? _sighup;
    private Timer? _debounce;

    public ZoneFileService(IOptions<ServerSettings> settings, ZoneFileSource source, ZoneCatalog catalog,
        DnsServerMetrics metrics, ILogger<ZoneFileService> logger, SnapshotCache? cache = null)
    {
        _cache = cache;
        _settings = settings.Value;
        _source = source;
        _catalog = catalog;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>True once every configured zone is being served (readiness, /readyz).</summary>
    public bool Ready { get; private set; }

    /// <summary>Zones whose file still waits for the store to be reachable (served from the cache, or not at all).</summary>
    public int AwaitingStore
    {
        get
        {
            lock (_awaitingStore)
            {
                return _awaitingStore.Count;
            }
        }
    }

    /// <summary>Why /readyz is not ready, or null.</summary>
    public string? NotReadyReason
    {
        get
        {
            lock (_awaitingStore)
            {
                return Ready ? null
                    : _unpublished.Count > 0 ? $"waiting for the store to load {string.Join(", ", _unpublished)}"
                    : "zones not loaded";
            }
        }
    }

    /// <summary>Loads every zone; throws <see cref="ServerConfigurationException"/> listing all errors.</summary>
    public async Task LoadAllAsync(CancellationToken ct)
    {
        var errors = new List<string>();
        var loaded = new List<(ZoneKey Key, ZoneSnapshot Snapshot)>();
        foreach (ZoneSettings zone in _settings.Zones)
        {
            _metrics.DeclareZone(zone.Key.ToString());
            ZoneSnapshot? snapshot;
            try
            {
                snapshot = await _source.LoadAsync(zone, errors, ct).ConfigureAwait(false);
            }
            catch (ZoneStoreUnavailableException ex)
            {
                snapshot = FromCache(zone.Key, ex.Message);
                lock (_awaitingStore)
                {
                    _awaitingStore.Add(zone.Key);
                    if (snapshot is null)
                    {
                        _unpublished.Add(zone.Key);
                    }
                }
            }

            if (snapshot is not null)
            {
                loaded.Add((zone.Key, snapshot));
                Stamp(zone.File);
            }
        }

        if (errors.Count > 0)
        {
            throw new ServerConfigurationException(errors);
        }

        foreach ((ZoneKey key, ZoneSnapshot snapshot) in loaded)
        {
            Publish(key, snapshot);
        }

        lock (_awaitingStore)
        {
            Ready = _unpublished.Count == 0;
        }
    }

    /// <summary>
    /// Reconciles the zone files that start-up could not reconcile (the store was unreachable)
    /// and publishes the store's data in place of the cached copy. Returns how many are left
    /// waiting; throws <see cref="ZoneStoreUnavailableException"/> when the store is still down.
    /// </summary>
    public async Task<int> RetryAwaitingStoreAsync(CancellationToken ct)
    {
        await _reloadGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            List<ZoneKey> waiting;
            lock (_awaitingStore)
            {
                waiting = [.. _awaitingStore];
            }

            foreach (ZoneSettings zone in _settings.Zones.Where(z => waiting.Contains(z.Key)))
            {
                var errors = new List<string>();
                Stamp(zone.File);
                ZoneSnapshot? snapshot = await _source.LoadAsync(zone, errors, ct).ConfigureAwait(false);
                foreach (string error in errors)
                {
                    Log.ZoneReloadFailed(_logger, zone.Key.ToString(), error);
                }

                if (snapshot is null)
                {
                    _metrics.RecordZoneLoad(zone.Key.ToString(), success: false);
                    continue;
                }

                Publish(zone.Key, snapshot);
                Reconciled(zone.Key);
            }

            return AwaitingStore;
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    /// <summary>Serves a loaded zone: published, counted as a successful load, and logged.</summary>
    private void Publish(ZoneKey zone, ZoneSnapshot snapshot)
    {
        _catalog.Publish(zone, snapshot);
        _metrics.RecordZoneLoad(zone.ToString(), success: true);
        Log.ZoneLoaded(_logger, zone.ToString(), snapshot.Serial, snapshot.RecordCount);
    }

    /// <summary>The zone's file is reconciled and its store data published: it no longer waits.</summary>
    private void Reconciled(ZoneKey zone)
    {
        lock (_awaitingStore)
        {
            _awaitingStore.Remove(zone);
            _unpublished.Remove(zone);
            Ready = _unpublished.Count == 0;
        }
    }

    /// <summary>The zone's cached copy when the store is unreachable, or null (both logged).</summary>
    private ZoneSnapshot? FromCache(ZoneKey zone, string problem)
    {
        string? cacheProblem = "no snapshot cache configured (SplitDns:Store:SnapshotCache)";
        if (_cache?.TryLoad(zone, out cacheProblem) is { } cached)
        {
            Updates.Log.ZoneFromCache(_logger, zone.ToString(), cached.Serial, problem);
            return cached;
        }

        Updates.Log.ZoneAwaitingStore(_logger, zone.ToString(), problem, cacheProblem ?? "-");
        return null;
    }

    /// <summary>Re-reads every zone file (or only changed ones); each zone succeeds or keeps its last good version.</summary>
    public async Task<int> ReloadAsync(bool onlyChanged, CancellationToken ct = default)
    {
        int reloaded = 0;
        await _reloadGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            foreach (ZoneSettings zone in _settings.Zones)
            {
                if (onlyChanged && !HasChanged(zone.File))
                {
                    continue;
                }

                Stamp(zone.File);
                var errors = new List<string>();
                ZoneSnapshot? snapshot;
                try
                {
                    snapshot = await _source.LoadAsync(zone, errors, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
                {
                    // The store failed (e.g. unreachable): the last good version keeps serving.
                    errors.Add($"{zone.File}: the store could not reconcile the file: {ex.Message}");
                    snapshot = null;
                }

                if (snapshot is not null)
                {
                    Publish(zone.Key, snapshot);
                    Reconciled(zone.Key);
                    reloaded++;
                    continue;
                }

                _metrics.RecordZoneLoad(zone.Key.ToString(), success: false);
                foreach (string error in errors)
                {
                    Log.ZoneReloadFailed(_logger, zone.Key.ToString(), error);
                }
            }
        }
        finally
        {
            _reloadGate.Release();
        }

        return reloaded;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Ready)
        {
            await LoadAllAsync(cancellationToken).ConfigureAwait(false);
        }

        if (!OperatingSystem.IsWindows())
        {
            _sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSighup);
        }

        if (_settings.WatchZoneFiles)
        {
            StartWatching();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    private void OnSighup(PosixSignalContext context)
    {
        // Handled here: the default SIGHUP action would terminate the process.
        context.Cancel = true;
        Log.SighupReceived(_logger);
        _ = ReloadAsync(onlyChanged: false);
    }

    private void StartWatching()
    {
        _debounce = new Timer(static s => _ = ((ZoneFileService)s!).ReloadAsync(onlyChanged: true), this, Timeout.Infinite, Timeout.Infinite);
        foreach (string dir in _settings.Zones.Select(z => Path.GetDirectoryName(z.File)!).Distinct(StringComparer.Ordinal))
        {
            if (!Directory.Exists(dir))
            {
                continue;
            }

            var watcher = new FileSystemWatcher(dir) { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size };
            watcher.Changed += OnFileEvent;
            watcher.Created += OnFileEvent;
            watcher.Renamed += OnFileEvent;
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
    }

    // Editors write in several steps (truncate, write, rename): wait for quiet before reading.
    private void OnFileEvent(object sender, FileSystemEventArgs e) => _debounce?.Change(s_debounce, Timeout.InfiniteTimeSpan);

    private void Stamp(string file)
    {
        var info = new FileInfo(file);
        _stamps[file] = info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1);
    }

    private bool HasChanged(string file)
    {
        var info = new FileInfo(file);
        (DateTime, long) now = info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1);
        return !_stamps.TryGetValue(file, out var seen) || seen != now;
    }

    public void Dispose()
    {
        _sighup?.Dispose();
        _sighup = null;
        foreach (FileSystemWatcher w in _watchers)
        {
            w.Dispose();
        }

        _watchers.Clear();
        _debounce?.Dispose();
        _debounce = null;
    }
}
