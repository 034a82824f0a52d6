namespace SplitDns.Server.Admin;

/// <summary>The admin store of a server without a zone store: in memory, lost at restart.</summary>
public sealed class MemoryAdminStore : IAdminStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Kind, string Name), AdminObject> _objects = [];

    public string Description => "memory (no SplitDns:Store configured)";

    public bool IsDurable => false;

    public Task InitializeAsync(CancellationToken ct) => Task.CompletedTask;

    public Task<IReadOnlyList<AdminObject>> ListAsync(string kind, CancellationToken ct)
    {
        lock (_lock)
        {
            IReadOnlyList<AdminObject> list = [.. _objects.Values.Where(o => o.Kind == kind).OrderBy(o => o.Name, StringComparer.Ordinal)];
            return Task.FromResult(list);
        }
    }

    public Task<AdminObject?> GetAsync(string kind, string name, CancellationToken ct)
    {
        lock (_lock)
        {
            return Task.FromResult(_objects.GetValueOrDefault((kind, name)));
        }
    }

    public Task<bool> InsertAsync(string kind, string name, string body, CancellationToken ct)
    {
        lock (_lock)
        {
            return Task.FromResult(_objects.TryAdd((kind, name), new AdminObject(kind, name, body, DateTimeOffset.UtcNow)));
        }
    }

    public Task PutAsync(string kind, string name, string body, CancellationToken ct)
    {
        lock (_lock)
        {
            _objects[(kind, name)] = new AdminObject(kind, name, body, DateTimeOffset.UtcNow);
            return Task.CompletedTask;
        }
    }

    public Task<bool> DeleteAsync(string kind, string name, CancellationToken ct)
    {
        lock (_lock)
        {
            return Task.FromResult(_objects.Remove((kind, name)));
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
