using System.Data.Common;
using System.Net;
using System.Text;

namespace SplitDns.Server.QueryLog;

/// <summary>
/// What the SQLite and PostgreSQL query logs share: the same table shape (time as microseconds
/// since the Unix epoch, the client as 16 bytes so a prefix is one range), and the same SQL for
/// search and retention. Each store opens its connections and writes its own way.
/// </summary>
public abstract class QueryLogDbStore : IQueryLogStore
{
    internal const string Columns =
        "time_us, client, client_port, transport, view, name, qtype, qclass, rcode, source, blocked_list, upstream, response_size, duration_us, ede";

    public abstract string Description { get; }

    public abstract Task InitializeAsync(CancellationToken ct);

    public abstract Task WriteAsync(IReadOnlyList<QueryLogRow> rows, CancellationToken ct);

    public abstract ValueTask DisposeAsync();

    protected abstract Task<DbConnection> OpenAsync(CancellationToken ct);

    public static long ToMicroseconds(DateTime time) =>
        (time.ToUniversalTime().Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;

    public static DateTime FromMicroseconds(long microseconds) =>
        new(DateTime.UnixEpoch.Ticks + (microseconds * TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);

    public async Task<long> DeleteOlderThanAsync(DateTime cutoff, CancellationToken ct)
    {
        await using DbConnection connection = await OpenAsync(ct).ConfigureAwait(false);
        await using DbCommand cmd = connection.CreateCommand();
        cmd.CommandText = "DELETE FROM query_log WHERE time_us < @cutoff";
        Add(cmd, "@cutoff", ToMicroseconds(cutoff));
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task<long> TrimAsync(long maxRows, CancellationToken ct)
    {
        // The newest maxRows ids stay; a table with fewer rows finds no cut-off (NULL) and keeps all.
        await using DbConnection connection = await OpenAsync(ct).ConfigureAwait(false);
        await using DbCommand cmd = connection.CreateCommand();
        cmd.CommandText = "DELETE FROM query_log WHERE id <= (SELECT id FROM query_log ORDER BY id DESC LIMIT 1 OFFSET @keep)";
        Add(cmd, "@keep", maxRows);
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task<long> CountAsync(CancellationToken ct)
    {
        await using DbConnection connection = await OpenAsync(ct).ConfigureAwait(false);
        await using DbCommand cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM query_log";
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<QueryLogPage> SearchAsync(QueryLogSearch search, CancellationToken ct)
    {
        int limit = Math.Clamp(search.Limit, 1, QueryLogSearch.MaxLimit);
        await using DbConnection connection = await OpenAsync(ct).ConfigureAwait(false);
        await using DbCommand cmd = connection.CreateCommand();
        var sql = new StringBuilder("SELECT id, ").Append(Columns).Append(" FROM query_log WHERE 1 = 1");
        AddFilters(cmd, sql, search);
        sql.Append(" ORDER BY id DESC LIMIT @limit");
        Add(cmd, "@limit", (long)limit + 1);
        cmd.CommandText = sql.ToString();
        var rows = new List<QueryLogRow>(Math.Min(limit + 1, 128));
        await using (DbDataReader reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (rows.Count <= limit && await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                rows.Add(ReadRow(reader));
            }
        }

        if (rows.Count <= limit)
        {
            return new QueryLogPage(rows, null);
        }

        rows.RemoveAt(rows.Count - 1);
        return new QueryLogPage(rows, rows[^1].Id);
    }

    public async Task<IReadOnlyList<QueryLogCount>> TopAsync(QueryLogTopKind kind, DateTime since, int limit, CancellationToken ct)
    {
        string column = kind == QueryLogTopKind.Clients ? "client" : "name";
        string blocked = kind == QueryLogTopKind.BlockedNames ? " AND source = 'blocked'" : "";
        await using DbConnection connection = await OpenAsync(ct).ConfigureAwait(false);
        await using DbCommand cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT {column}, COUNT(*) AS n FROM query_log WHERE time_us >= @since{blocked} GROUP BY {column} ORDER BY n DESC, {column} LIMIT @limit";
        Add(cmd, "@since", ToMicroseconds(since));
        Add(cmd, "@limit", (long)Math.Clamp(limit, 1, 1000));
        var counts = new List<QueryLogCount>();
        await using DbDataReader reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            string key = kind == QueryLogTopKind.Clients
                ? QueryLogRow.FromClientKey((byte[])reader.GetValue(0)).ToString()
                : reader.GetString(0);
            counts.Add(new QueryLogCount(key, Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)));
        }

        return counts;
    }

    private static void AddFilters(DbCommand cmd, StringBuilder sql, QueryLogSearch search)
    {
        if (search.Client is { } network)
        {
            (byte[] low, byte[] high) = Range(network);
            sql.Append(" AND client BETWEEN @client_low AND @client_high");
            Add(cmd, "@client_low", low);
            Add(cmd, "@client_high", high);
        }

        if (search.Name is { } text && NormalizeName(text) is var name && !(search.NameAndBelow && name == "."))
        {
            Add(cmd, "@name", name);
            if (search.NameAndBelow)
            {
                sql.Append(@" AND (name = @name OR name LIKE @name_below ESCAPE '\')");
                Add(cmd, "@name_below", "%." + EscapeLike(name));
            }
            else
            {
                sql.Append(" AND name = @name");
            }
        }

        AddEquals(cmd, sql, "qtype", search.QType);
        AddEquals(cmd, sql, "rcode", search.Rcode);
        if (search.View is { } view)
        {
            sql.Append(" AND view = @view");
            Add(cmd, "@view", view);
        }

        if (search.Blocked is { } blocked)
        {
            sql.Append(blocked ? " AND source = 'blocked'" : " AND source <> 'blocked'");
        }

        if (search.From is { } from)
        {
            sql.Append(" AND time_us >= @from");
            Add(cmd, "@from", ToMicroseconds(from));
        }

        if (search.To is { } to)
        {
            sql.Append(" AND time_us < @to");
            Add(cmd, "@to", ToMicroseconds(to));
        }

        if (search.Cursor is { } cursor)
        {
            sql.Append(" AND id < @cursor");
            Add(cmd, "@cursor", cursor);
        }
    }

    private static void AddEquals(DbCommand cmd, StringBuilder sql, string column, int? value)
    {
        if (value is { } v)
        {
            sql.Append(" AND ").Append(column).Append(" = @").Append(column);
            Add(cmd, "@" + column, v);
        }
    }

    /// <summary>The lowest and highest 16-byte client keys inside <paramref name="network"/>.</summary>
    internal static (byte[] Low, byte[] High) Range(IPNetwork network)
    {
        byte[] low = QueryLogRow.ClientKey(network.BaseAddress);
        int prefix = network.PrefixLength + (network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 96 : 0);
        byte[] high = (byte[])low.Clone();
        for (int bit = prefix; bit < 128; bit++)
        {
            high[bit / 8] |= (byte)(0x80 >> (bit % 8));
        }

        return (low, high);
    }

    /// <summary>Names are stored lowercased with the final dot.</summary>
    public static string NormalizeName(string name)
    {
        string lower = name.Trim().ToLowerInvariant();
        return lower.EndsWith('.') ? lower : lower + ".";
    }

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

    private static QueryLogRow ReadRow(DbDataReader r) => new()
    {
        Id = r.GetInt64(0),
        Time = FromMicroseconds(r.GetInt64(1)),
        Client = QueryLogRow.FromClientKey((byte[])r.GetValue(2)),
        ClientPort = r.GetInt32(3),
        Transport = r.GetString(4),
        View = r.GetString(5),
        Name = r.GetString(6),
        QType = r.GetInt32(7),
        QClass = r.GetInt32(8),
        Rcode = r.GetInt32(9),
        Source = r.GetString(10),
        BlockedList = r.IsDBNull(11) ? null : r.GetString(11),
        Upstream = r.IsDBNull(12) ? null : r.GetString(12),
        ResponseSize = r.GetInt32(13),
        DurationMicroseconds = r.GetInt32(14),
        ExtendedError = r.IsDBNull(15) ? null : r.GetInt32(15),
    };

    internal static void Add(DbCommand cmd, string name, object? value)
    {
        DbParameter p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
    }
}
