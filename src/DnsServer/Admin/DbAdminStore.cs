using System.Data.Common;

namespace SplitDns.Server.Admin;

/// <summary>
/// What the SQLite and PostgreSQL admin stores share: table <c>admin_objects</c> (kind, name,
/// body as JSON text, updated as microseconds since the Unix epoch) and the SQL to read and write
/// it. Each store opens connections and creates the table its own way.
/// </summary>
public abstract class DbAdminStore : IAdminStore
{
    public abstract string Description { get; }

    public bool IsDurable => true;

    private volatile bool _ready;

    /// <summary>Creates the table (when missing) on a fresh connection.</summary>
    public async Task InitializeAsync(CancellationToken ct)
    {
        await using DbConnection connection = await ConnectAsync(ct).ConfigureAwait(false);
    }

    public abstract ValueTask DisposeAsync();

    protected abstract Task<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>Creates table admin_objects when it is missing (safe to run on several replicas at once).</summary>
    protected abstract Task CreateTableAsync(DbConnection connection, CancellationToken ct);

    /// <summary>
    /// Opens a connection, creating the table first on the first one that succeeds: a database that
    /// is down at start-up costs the API its calls (503) until it is back, never the start-up.
    /// </summary>
    private async Task<DbConnection> ConnectAsync(CancellationToken ct)
    {
        DbConnection connection = await OpenAsync(ct).ConfigureAwait(false);
        if (!_ready)
        {
            try
            {
                await CreateTableAsync(connection, ct).ConfigureAwait(false);
                _ready = true;
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        return connection;
    }

    /// <summary>The statement that inserts a row unless (kind, name) exists.</summary>
    protected abstract string InsertIfAbsentSql { get; }

    /// <summary>The statement that inserts or replaces a row.</summary>
    protected abstract string UpsertSql { get; }

    public async Task<IReadOnlyList<AdminObject>> ListAsync(string kind, CancellationToken ct)
    {
        await using DbConnection connection = await ConnectAsync(ct).ConfigureAwait(false);
        await using DbCommand cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT kind, name, body, updated_us FROM admin_objects WHERE kind = @kind ORDER BY name";
        Add(cmd, "@kind", kind);
        var list = new List<AdminObject>();
        await using DbDataReader reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    public async Task<AdminObject?> GetAsync(string kind, string name, CancellationToken ct)
    {
        await using DbConnection connection = await ConnectAsync(ct).ConfigureAwait(false);
        await using DbCommand cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT kind, name, body, updated_us FROM admin_objects WHERE kind = @kind AND name = @name";
        Add(cmd, "@kind", kind);
        Add(cmd, "@name", name);
        await using DbDataReader reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false) ? Read(reader) : null;
    }

    public async Task<bool> InsertAsync(string kind, string name, string body, CancellationToken ct) =>
        await WriteAsync(InsertIfAbsentSql, kind, name, body, ct).ConfigureAwait(false) > 0;

    public async Task PutAsync(string kind, string name, string body, CancellationToken ct) =>
        await WriteAsync(UpsertSql, kind, name, body, ct).ConfigureAwait(false);

    public async Task<bool> DeleteAsync(string kind, string name, CancellationToken ct)
    {
        await using DbConnection connection = await ConnectAsync(ct).ConfigureAwait(false);
        await using DbCommand cmd = connection.CreateCommand();
        cmd.CommandText = "DELETE FROM admin_objects WHERE kind = @kind AND name = @name";
        Add(cmd, "@kind", kind);
        Add(cmd, "@name", name);
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
    }

    private async Task<int> WriteAsync(string sql, string kind, string name, string body, CancellationToken ct)
    {
        await using DbConnection connection = await ConnectAsync(ct).ConfigureAwait(false);
        await using DbCommand cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        Add(cmd, "@kind", kind);
        Add(cmd, "@name", name);
        Add(cmd, "@body", body);
        Add(cmd, "@updated", (DateTimeOffset.UtcNow.UtcTicks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond);
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static AdminObject Read(DbDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2),
        new DateTimeOffset(DateTime.UnixEpoch.Ticks + (reader.GetInt64(3) * TimeSpan.TicksPerMicrosecond), TimeSpan.Zero));

    private static void Add(DbCommand cmd, string name, object value)
    {
        DbParameter p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }
}
