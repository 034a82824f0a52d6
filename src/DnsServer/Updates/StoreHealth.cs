using Microsoft.Extensions.Logging;

namespace SplitDns.Server.Updates;

/// <summary>
/// Whether the store can be reached, as the write path and the change feed last saw it. Queries
/// never depend on it (they are answered from the published snapshots); UPDATEs fail with
/// SERVFAIL while it is down. Reported by <c>/readyz?store</c> and the <c>splitdns_store_up</c>
/// gauge; each flip is logged once (5020 down, 5021 up).
/// </summary>
public sealed class StoreHealth
{
    private readonly ILogger? _logger;
    private volatile string? _problem;

    public StoreHealth(bool configured, ILogger? logger = null)
    {
        Configured = configured;
        _logger = logger;
    }

    /// <summary>False when no store is configured (zones from files only).</summary>
    public bool Configured { get; }

    /// <summary>The schema has been created or migrated (false while a shared database was down since start-up).</summary>
    public bool SchemaReady { get; set; }

    public bool IsUp => Configured && _problem is null;

    /// <summary>Why the store is down (the last error), or null while it is up.</summary>
    public string? Problem => Configured ? _problem : "no store configured";

    public void ReportUp()
    {
        if (Interlocked.Exchange(ref _problem, null) is not null && _logger is not null)
        {
            Log.StoreUp(_logger);
        }
    }

    public void ReportDown(string problem)
    {
        if (Interlocked.Exchange(ref _problem, problem) is null && _logger is not null)
        {
            Log.StoreDown(_logger, problem);
        }
    }
}
