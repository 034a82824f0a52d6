using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Persistence;

namespace SplitDns.Server.Updates;

/// <summary>
/// Writes each zone's published snapshot to the <see cref="SnapshotCache"/> off the query and
/// update paths: a publish marks the zone dirty, and once a second the dirty zones are written
/// (a burst of updates costs one write), and once more at shutdown.
/// </summary>
public sealed class SnapshotCacheWriter : IHostedService, IDisposable
{
    private static readonly TimeSpan s_period = TimeSpan.FromSeconds(1);

    private readonly SnapshotCache _cache;
    private readonly ZoneCatalog _catalog;
    private readonly StoreHealth _health;
    private readonly ILogger<SnapshotCacheWriter> _logger;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _writing = new(1, 1);
    private HashSet<ZoneKey> _dirty = [];
    private Timer? _timer;

    public SnapshotCacheWriter(SnapshotCache cache, ZoneCatalog catalog, StoreHealth health, ILogger<SnapshotCacheWriter> logger)
    {
        _cache = cache;
        _catalog = catalog;
        _health = health;
        _logger = logger;
        _catalog.Changed += OnChanged;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = new Timer(static s => _ = ((SnapshotCacheWriter)s!).FlushAsync(), this, s_period, s_period);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        _timer = null;
        await FlushAsync().ConfigureAwait(false);
    }

    private void OnChanged(ZoneChange change)
    {
        lock (_lock)
        {
            _dirty.Add(change.Key);
        }
    }

    /// <summary>Writes every zone published since the last flush.</summary>
    public async Task FlushAsync()
    {
        // A zone served from the cache itself, before the store was reached, is not written back.
        if (!_health.SchemaReady || !await _writing.WaitAsync(0).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            HashSet<ZoneKey> dirty;
            lock (_lock)
            {
                dirty = _dirty;
                _dirty = [];
            }

            foreach (ZoneKey zone in dirty)
            {
                if (_catalog.Get(zone) is not { } snapshot)
                {
                    continue;
                }

                try
                {
                    _cache.Save(zone, snapshot);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
                {
                    Log.SnapshotCacheFailed(_logger, zone.ToString(), ex.Message);
                }
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    public void Dispose()
    {
        _catalog.Changed -= OnChanged;
        _timer?.Dispose();
        _writing.Dispose();
    }
}
