using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SplitDns.Server.Updates;

namespace SplitDns.Server.Api.Config;

/// <summary>
/// Brings the runtime configuration in line with the admin store at start-up (before any socket
/// is bound, see <see cref="ConfigEndpoints.Map"/>; with the API off, or a database down then,
/// as soon as the host starts) and, when replicas share a PostgreSQL store,
/// every Store:CatchUpIntervalSeconds: zones, TSIG keys and forwarders another replica changed
/// apply here within that interval.
/// </summary>
public sealed class ConfigFollower : BackgroundService
{
    private readonly IServiceProvider _services;
    private readonly DynamicSettings _settings;
    private readonly StoreHealth _health;
    private readonly ILogger<ConfigFollower> _logger;
    private int _synced;

    /// <remarks>
    /// The admin services are resolved on each pass, not here: opening the admin store fails while a
    /// shared database is down, and that must cost a pass (logged, retried), never the start-up.
    /// </remarks>
    public ConfigFollower(IServiceProvider services, DynamicSettings settings, StoreHealth health, ILogger<ConfigFollower> logger)
    {
        _services = services;
        _health = health;
        _settings = settings;
        _logger = logger;
    }

    /// <summary>
    /// The start-up pass, run before the host starts. A shared database that was down when the
    /// store opened is not waited for: the follower applies the configuration once it answers.
    /// </summary>
    public void SyncAtStartup()
    {
        if (_settings.Provider == StoreProvider.Postgres && !_health.SchemaReady)
        {
            return;
        }

        SyncAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>One pass: keys first (zones' update grants name them), then zones, then forwarders. Never throws.</summary>
    public async Task SyncAsync(CancellationToken ct)
    {
        try
        {
            await _services.GetRequiredService<TsigKeyAdmin>().SyncAsync(ct).ConfigureAwait(false);
            await _services.GetRequiredService<ZoneAdmin>().SyncAsync(ct).ConfigureAwait(false);
            await _services.GetRequiredService<ForwarderAdmin>().SyncAsync(ct).ConfigureAwait(false);
            Interlocked.Exchange(ref _synced, 1);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            Log.SyncFailed(_logger, ex.Message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not synced yet: the API is off (nothing mapped) or the database was down at start.
        if (Volatile.Read(ref _synced) == 0)
        {
            await SyncAsync(stoppingToken).ConfigureAwait(false);
        }

        if (_settings.Provider != StoreProvider.Postgres)
        {
            return;
        }

        using var timer = new PeriodicTimer(_settings.CatchUpInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await SyncAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
