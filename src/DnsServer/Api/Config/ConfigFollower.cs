using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SplitDns.Server.Updates;

namespace SplitDns.Server.Api.Config;

/// <summary>
/// Brings the runtime configuration in line with the admin store at start-up (before any socket
/// is bound, see <see cref="ConfigEndpoints.Map"/>) and, when replicas share a PostgreSQL store,
/// every Store:CatchUpIntervalSeconds: zones, TSIG keys and forwarders another replica changed
/// apply here within that interval.
/// </summary>
public sealed class ConfigFollower : BackgroundService
{
    private readonly ZoneAdmin _zones;
    private readonly TsigKeyAdmin _keys;
    private readonly ForwarderAdmin _forwarders;
    private readonly DynamicSettings _settings;
    private readonly ILogger<ConfigFollower> _logger;

    public ConfigFollower(ZoneAdmin zones, TsigKeyAdmin keys, ForwarderAdmin forwarders, DynamicSettings settings, ILogger<ConfigFollower> logger)
    {
        _zones = zones;
        _keys = keys;
        _forwarders = forwarders;
        _settings = settings;
        _logger = logger;
    }

    /// <summary>One pass: keys first (zones' update grants name them), then zones, then forwarders. Never throws.</summary>
    public async Task SyncAsync(CancellationToken ct)
    {
        try
        {
            await _keys.SyncAsync(ct).ConfigureAwait(false);
            await _zones.SyncAsync(ct).ConfigureAwait(false);
            await _forwarders.SyncAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            Log.SyncFailed(_logger, ex.Message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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
