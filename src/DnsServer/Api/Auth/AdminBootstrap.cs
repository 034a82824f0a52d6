using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SplitDns.Server.Admin;

namespace SplitDns.Server.Api.Auth;

/// <summary>
/// At start-up, issues the one-time "bootstrap" admin token when there is no administrator at all
/// (<see cref="StoredAccounts.BootstrapAsync"/>) and prints it once to the log. A store that is down
/// costs the bootstrap (logged), never the start-up.
/// </summary>
internal sealed class AdminBootstrap(ApiSettings settings, StoredAccounts accounts, IAdminStore store, ILogger<AdminBootstrap> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!settings.Enabled)
        {
            return;
        }

        try
        {
            IssuedToken? issued = await accounts.BootstrapAsync(cancellationToken).ConfigureAwait(false);
            if (issued is not null)
            {
                AuthLog.BootstrapToken(log, issued.Token);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            AuthLog.BootstrapFailed(log, store.Description, ex.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
