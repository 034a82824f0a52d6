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

    /// <summary>Where API-managed objects are kept: the zone store's provider.</summary>
    public StoreProvider Provider { get; init; } = StoreProvider.Sqlite;

    /// <summary>SQLite: the zone store's file ("" = no store: objects in memory only).</summary>
    public string StorePath { get; init; } = "";

    /// <summary>PostgreSQL: the zone store's connection string.</summary>
    public string ConnectionString { get; init; } = "";
}
