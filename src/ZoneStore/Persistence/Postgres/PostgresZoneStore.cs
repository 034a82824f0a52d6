using System.Data;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.ZoneStore.Persistence.Postgres;

/// <summary>
/// The shared store: one PostgreSQL database that several replicas write. Every write is one
/// transaction that locks the zone's row (<c>SELECT … FOR UPDATE</c>) and compares the stored
/// serial with the change's base serial, so two replicas can never both take the next serial;
/// the commit returns once PostgreSQL acknowledged it (durable under the server's settings).
/// Each committed change is announced with <c>pg_notify</c> inside the same transaction, so the
/// notification is delivered exactly when the change becomes visible (<see cref="CreateChangeFeed"/>).
/// </summary>
public sealed partial class PostgresZoneStore : IZoneStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _connectionString;
    private readonly int _journalLimit;

    // Trimming runs every this many journal rows of a zone, as in the SQLite store; counted per
    // replica, and done inside the writing transaction under the zone's row lock.
    private readonly int _trimEvery;
    private readonly Dictionary<long, int> _rowsSinceTrim = [];
    private readonly Lock _trimLock = new();

    /// <param name="connectionString">An Npgsql connection string (see <see cref="PostgresConnectionString"/>).</param>
    /// <param name="journalLimit">Journal rows kept per zone (older ones are trimmed as new ones come).</param>
    /// <param name="connectTimeout">How long opening a connection may take (default 5 s).</param>
    /// <param name="commandTimeout">How long one command may take (default 30 s).</param>
    public PostgresZoneStore(string connectionString, int journalLimit = 10_000,
        TimeSpan? connectTimeout = null, TimeSpan? commandTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Timeout = Seconds(connectTimeout ?? TimeSpan.FromSeconds(5)),
            CommandTimeout = Seconds(commandTimeout ?? TimeSpan.FromSeconds(30)),
        };
        _connectionString = builder.ConnectionString;
        Server = PostgresConnectionString.Describe(_connectionString);
        _journalLimit = journalLimit;
        _trimEvery = Math.Clamp(journalLimit, 1, 64);
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    /// <summary>"host:port/database", for logs.</summary>
    public string Server { get; }

    /// <summary>A LISTEN connection of its own that reports every commit to this database, by any replica.</summary>
    public IZoneChangeFeed CreateChangeFeed(ILogger logger) => new PostgresChangeListener(_connectionString, logger);

    public Task InitializeAsync(CancellationToken ct) =>
        RunAsync(c => PostgresSchema.MigrateAsync(c, ct), ct);

    public Task<IReadOnlyList<ZoneKey>> ListZonesAsync(CancellationToken ct) => RunAsync<IReadOnlyList<ZoneKey>>(async c =>
    {
        // Binary order, as SQLite sorts, whatever the database's collation.
        await using var cmd = new NpgsqlCommand("SELECT view, origin_key FROM zones ORDER BY view COLLATE \"C\", origin COLLATE \"C\";", c);
        await using NpgsqlDataReader r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var list = new List<ZoneKey>();
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(new ZoneKey(r.GetString(0), DnsName.FromWire((byte[])r[1])));
        }

        return list;
    }, ct);

    public Task<uint?> GetSerialAsync(ZoneKey zone, CancellationToken ct) =>
        RunAsync(async c => (await FindZoneAsync(c, null, zone, forUpdate: false, ct).ConfigureAwait(false))?.Serial, ct);

    public Task<StoredZone?> LoadZoneAsync(ZoneKey zone, CancellationToken ct) =>
        RunInTransactionAsync((c, tx) => LoadZoneAsync(c, tx, zone, ct), IsolationLevel.RepeatableRead, ct);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task<StoredZone?> LoadZoneAsync(NpgsqlConnection c, NpgsqlTransaction tx, ZoneKey zone, CancellationToken ct)
    {
        if (await FindZoneAsync(c, tx, zone, forUpdate: false, ct).ConfigureAwait(false) is not var (zoneId, serial))
        {
            return null;
        }

        await using var cmd = new NpgsqlCommand("SELECT owner_wire, type, class, ttl, rdata, provenance FROM records WHERE zone_id = $1 ORDER BY id;", c, tx);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = zoneId });
        await using NpgsqlDataReader r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var records = new List<StoredRecord>();
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            var type = (RecordType)r.GetInt32(1);
            var rr = new ResourceRecord(DnsName.FromWire((byte[])r[0]), type, (DnsClass)r.GetInt32(2),
                (uint)r.GetInt64(3), RdataFactory.FromWire(type, (byte[])r[4]));
            records.Add(new StoredRecord(rr, RecordProvenanceText.Parse(r.GetString(5))));
        }

        return new StoredZone(zone, serial, records);
    }

    /// <summary>The zone's row id and serial, or null; <paramref name="forUpdate"/> locks the row until the transaction ends.</summary>
    private static async Task<(long Id, uint Serial)?> FindZoneAsync(NpgsqlConnection c, NpgsqlTransaction? tx, ZoneKey zone,
        bool forUpdate, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            forUpdate
                ? "SELECT id, serial FROM zones WHERE view = $1 AND origin_key = $2 FOR UPDATE;"
                : "SELECT id, serial FROM zones WHERE view = $1 AND origin_key = $2;",
            c, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = zone.View });
        cmd.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = OriginKey(zone) });
        await using NpgsqlDataReader r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await r.ReadAsync(ct).ConfigureAwait(false) ? (r.GetInt64(0), (uint)r.GetInt64(1)) : null;
    }

    private static byte[] OriginKey(ZoneKey zone) => zone.Origin.ToLowerInvariant().Wire.ToArray();

    private static NpgsqlParameter<DateTime> Timestamp(DateTimeOffset time) =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = time.UtcDateTime };

    private static int Seconds(TimeSpan span) => Math.Max(1, (int)Math.Ceiling(span.TotalSeconds));
}
