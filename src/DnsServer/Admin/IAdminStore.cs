namespace SplitDns.Server.Admin;

/// <summary>
/// Durable state the HTTP API changes at run time, beside the zones: a table of JSON documents by
/// (kind, name) in the zone store's database (SQLite file or PostgreSQL), so replicas sharing a
/// database share it too. Every write is committed before it returns. Without a configured store
/// the state lives in memory only (<see cref="MemoryAdminStore"/>) and is lost at restart.
/// </summary>
public interface IAdminStore : IAsyncDisposable
{
    /// <summary>Where the objects are kept, for logs and errors.</summary>
    string Description { get; }

    /// <summary>False for the in-memory store: what the API changes is lost at restart.</summary>
    bool IsDurable { get; }

    /// <summary>Creates the table when missing. Call once before anything else.</summary>
    Task InitializeAsync(CancellationToken ct);

    /// <summary>Every object of <paramref name="kind"/>, by name.</summary>
    Task<IReadOnlyList<AdminObject>> ListAsync(string kind, CancellationToken ct);

    Task<AdminObject?> GetAsync(string kind, string name, CancellationToken ct);

    /// <summary>Adds the object; false (and nothing changed) when one of that kind and name exists.</summary>
    Task<bool> InsertAsync(string kind, string name, string body, CancellationToken ct);

    /// <summary>Adds or replaces the object.</summary>
    Task PutAsync(string kind, string name, string body, CancellationToken ct);

    /// <summary>Removes the object; false when there was none.</summary>
    Task<bool> DeleteAsync(string kind, string name, CancellationToken ct);
}
