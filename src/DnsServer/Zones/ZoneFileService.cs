using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SplitDns.Server.Hosting;
using SplitDns.Server.Metrics;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.Server.Zones;

/// <summary>
/// Loads the configured zone files into the <see cref="ZoneCatalog"/> at start-up (any error
/// stops start-up), and reloads them on SIGHUP and when a file changes. A broken file on reload
/// keeps the last good snapshot serving and logs file:line:reason.
/// </summary>
public sealed partial class ZoneFileService : IHostedService, IDisposable
{
    private static readonly TimeSpan s_debounce = TimeSpan.FromMilliseconds(300);

    private readonly ServerSettings _settings;
    private readonly ZoneFileSource _source;
    private readonly ZoneCatalog _catalog;
    private readonly DnsServerMetrics _metrics;
    private readonly ILogger<ZoneFileService> _logger;
    private readonly Lock _reloadLock = new();
    private readonly Dictionary<string, (DateTime Written, long Length)> _stamps = [];
    private readonly List<FileSystemWatcher> _watchers = [];
    private PosixSignalRegistration? _sighup;
    private Timer? _debounce;

    public ZoneFileService(IOptions<ServerSettings> settings, ZoneFileSource source, ZoneCatalog catalog,
        DnsServerMetrics metrics, ILogger<ZoneFileService> logger)
    {
        _settings = settings.Value;
        _source = source;
        _catalog = catalog;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>True once every configured zone has been loaded (readiness, /readyz).</summary>
    public bool Ready { get; private set; }

    /// <summary>Loads every zone; throws <see cref="ServerConfigurationException"/> listing all errors.</summary>
    public void LoadAll()
    {
        var errors = new List<string>();
        var loaded = new List<(ZoneKey Key, ZoneSnapshot Snapshot)>();
        foreach (ZoneSettings zone in _settings.Zones)
        {
            if (_source.TryLoad(zone, out ZoneSnapshot? snapshot, errors))
            {
                loaded.Add((zone.Key, snapshot!));
                Stamp(zone.File);
            }
        }

        if (errors.Count > 0)
        {
            throw new ServerConfigurationException(errors);
        }

        foreach ((ZoneKey key, ZoneSnapshot snapshot) in loaded)
        {
            _catalog.Publish(key, snapshot);
            _metrics.RecordZoneLoad(key.ToString(), success: true);
            Log.ZoneLoaded(_logger, key.ToString(), snapshot.Serial, snapshot.RecordCount);
        }

        Ready = true;
    }

    /// <summary>Re-reads every zone file (or only changed ones); each zone succeeds or keeps its last good version.</summary>
    public int Reload(bool onlyChanged)
    {
        int reloaded = 0;
        lock (_reloadLock)
        {
            foreach (ZoneSettings zone in _settings.Zones)
            {
                if (onlyChanged && !HasChanged(zone.File))
                {
                    continue;
                }

                Stamp(zone.File);
                var errors = new List<string>();
                if (_source.TryLoad(zone, out ZoneSnapshot? snapshot, errors))
                {
                    _catalog.Publish(zone.Key, snapshot!);
                    _metrics.RecordZoneLoad(zone.Key.ToString(), success: true);
                    Log.ZoneLoaded(_logger, zone.Key.ToString(), snapshot!.Serial, snapshot.RecordCount);
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

        return reloaded;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Ready)
        {
            LoadAll();
        }

        if (!OperatingSystem.IsWindows())
        {
            _sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSighup);
        }

        if (_settings.WatchZoneFiles)
        {
            StartWatching();
        }

        return Task.CompletedTask;
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
        ThreadPool.QueueUserWorkItem(static s => s.Reload(onlyChanged: false), this, preferLocal: false);
    }

    private void StartWatching()
    {
        _debounce = new Timer(static s => ((ZoneFileService)s!).Reload(onlyChanged: true), this, Timeout.Infinite, Timeout.Infinite);
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
