using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace SplitDns.Server.QueryLog.Postgres;

/// <summary>
/// The query log as table <c>query_log</c> in the zone store's PostgreSQL database. A batch is
/// one binary COPY in one transaction; each replica writes its own queries (ids interleave).
/// </summary>
public sealed class PostgresQueryLogStore : QueryLogDbStore
{
    private readonly NpgsqlDataSource _source;

    public PostgresQueryLogStore(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "splitdns-querylog" };
        Description = $"{builder.Host}:{builder.Port}/{builder.Database}";
        _source = NpgsqlDataSource.Create(builder.ToString());
    }

    public override string Description { get; }

    public override async Task InitializeAsync(CancellationToken ct)
    {
        await using NpgsqlConnection connection = await _source.OpenConnectionAsync(ct).ConfigureAwait(false);
        await PostgresQueryLogSchema.MigrateAsync(connection, ct).ConfigureAwait(false);
    }

    public override async Task WriteAsync(IReadOnlyList<QueryLogRow> rows, CancellationToken ct)
    {
        await using NpgsqlConnection connection = await _source.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using NpgsqlTransaction tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using (NpgsqlBinaryImporter copy = await connection.BeginBinaryImportAsync(
            $"COPY query_log ({Columns}) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false))
        {
            foreach (QueryLogRow row in rows)
            {
                await copy.StartRowAsync(ct).ConfigureAwait(false);
                await copy.WriteAsync(ToMicroseconds(row.Time), NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
                await copy.WriteAsync(QueryLogRow.ClientKey(row.Client), NpgsqlDbType.Bytea, ct).ConfigureAwait(false);
                await copy.WriteAsync(row.ClientPort, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
                await copy.WriteAsync(row.Transport, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await copy.WriteAsync(row.View, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await copy.WriteAsync(row.Name, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await copy.WriteAsync(row.QType, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
                await copy.WriteAsync(row.QClass, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
                await copy.WriteAsync(row.Rcode, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
                await copy.WriteAsync(row.Source, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await WriteNullableAsync(copy, row.BlockedList, ct).ConfigureAwait(false);
                await WriteNullableAsync(copy, row.Upstream, ct).ConfigureAwait(false);
                await copy.WriteAsync(row.ResponseSize, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
                await copy.WriteAsync(row.DurationMicroseconds, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
                if (row.ExtendedError is { } ede)
                {
                    await copy.WriteAsync(ede, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
                }
                else
                {
                    await copy.WriteNullAsync(ct).ConfigureAwait(false);
                }
            }

            await copy.CompleteAsync(ct).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, NpgsqlDbType.Text, ct);

    protected override async Task<DbConnection> OpenAsync(CancellationToken ct) =>
        await _source.OpenConnectionAsync(ct).ConfigureAwait(false);

    public override ValueTask DisposeAsync() => _source.DisposeAsync();
}
