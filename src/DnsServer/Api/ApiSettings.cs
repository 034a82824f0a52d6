using SplitDns.Server.Updates;

namespace SplitDns.Server.Api;

/// <summary>
/// Validated SplitDns:Api settings (read by <see cref="ApiSettingsReader"/>): whether the HTTP
/// API is mapped, and the administrator's bootstrap credentials from configuration.
/// </summary>
public sealed class ApiSettings
{
    /// <summary>Map /api/v1, the Technitium-compatible /api and the web UI (the operations endpoints are always there).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>An administrator token from Api:AdminToken or the file Api:AdminTokenFile names ("" = none).</summary>
    public string AdminToken { get; init; } = "";

    /// <summary>The password of user "admin" from Api:AdminPassword or Api:AdminPasswordFile ("" = none).</summary>
    public string AdminPassword { get; init; } = "";

    /// <summary>A login session ends after this many minutes without a call (sliding; 1 to 1440).</summary>
    public int SessionMinutes { get; init; } = 30;

    /// <summary>How long a validated stored token is trusted from memory (0 to 300; 0 = read the store on every call).</summary>
    public int TokenCacheSeconds { get; init; } = 30;

    /// <summary>Failed logins from one client address within 5 minutes before further attempts get 429.</summary>
    public int LoginFailuresAllowed { get; init; } = 10;

    /// <summary>Where API-managed objects are kept: the zone store's provider.</summary>
    public StoreProvider Provider { get; init; } = StoreProvider.Sqlite;

    /// <summary>SQLite: the zone store's file ("" = no store: objects in memory only).</summary>
    public string StorePath { get; init; } = "";

    /// <summary>PostgreSQL: the zone store's connection string.</summary>
    public string ConnectionString { get; init; } = "";
}
