using Microsoft.Extensions.Hosting;
using SplitDns.Blocking;

namespace SplitDns.Server.Blocking;

/// <summary>
/// Starts the blocklist catalog with the host: lists load from their files and the on-disk cache
/// of earlier downloads before the server answers (a restart without network still blocks), then
/// downloads run in the background on their schedule. Does nothing without lists.
/// </summary>
public sealed class BlockingService : IHostedService
{
    private readonly BlocklistCatalog _catalog;
    private readonly CancellationTokenSource _stopping = new();
    private Task _background = Task.CompletedTask;

    public BlockingService(BlocklistCatalog catalog) => _catalog = catalog;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_catalog.Lists.Count == 0)
        {
            return;
        }

        await _catalog.LoadLocalAsync(cancellationToken).ConfigureAwait(false);
        _background = _catalog.StartAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _background.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping: a download in flight is abandoned; the last good copy stays on disk
        }

        _stopping.Dispose();
    }
}
