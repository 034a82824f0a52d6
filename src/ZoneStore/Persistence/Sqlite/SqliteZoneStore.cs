using System.Globalization;
using Microsoft.Data.Sqlite;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.ZoneStore.Persistence.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode with <c>synchronous=FULL</c>, so a commit is
/// on disk (WAL fsynced) before it returns. One connection, used by one caller at a time: SQLite
/// serialises writers anyway, and reads here are start-up, IXFR and tests, not the query path.
/// </summary>
public sealed partial class SqliteZoneStore : IZoneStore
{
    private static int s_initialized;
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly int _journalLimit;

    // Trimming runs every this many journal rows of a zone (a DELETE per row would double the
    // write cost); at most 64, and at most the limit so a small journal stays small.
    private readonly int _trimEvery;
    private readonly Dictionary<long, int> _rowsSinceTrim = [];

    /// <param name="path">Database file (created when missing).</param>
    /// <param name="journalLimit">Journal rows kept per zone (older ones are trimmed as new ones come).</param>
    public SqliteZoneStore(string path, int journalLimit = 10_000)
    {
        InitializeSqlite();
        Path = path;
        _journalLimit = journalLimit;
        _trimEvery = Math.Clamp(journalLimit, 1, 64);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        };
        _connection = new SqliteConnection(builder.ToString());
    }

    public string Path { get; }

    private static void InitializeSqlite()
    {
        if (Interlocked.Exchange(ref s_initialized, 1) == 0)
        {
            SQLitePCL.Batteries_V2.Init();
        }
    }

    public async Task InitializeAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _connection.Open();
            Execute("PRAGMA journal_mode = WAL;");
            Execute("PRAGMA synchronous = FULL;");
            Execute("PRAGMA foreign_keys = ON;");
            Execute("PRAGMA busy_timeout = 5000;");
            SqliteSchema.Migrate(_connection);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<ZoneKey>> ListZonesAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            using SqliteCommand cmd = _connection.CreateCommand();
            cmd.CommandText = "SELECT view, origin_key FROM zones ORDER BY view, origin;";
            using SqliteDataReader r = cmd.ExecuteReader();
            var list = new List<ZoneKey>();
            while (r.Read())
            {
                list.Add(new ZoneKey(r.GetString(0), DnsName.FromWire((byte[])r[1])));
            }

            return list;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<uint?> GetSerialAsync(ZoneKey zone, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return FindZone(zone, null)?.Serial;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<StoredZone?> LoadZoneAsync(ZoneKey zone, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return LoadZone(zone, null);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private StoredZone? LoadZone(ZoneKey zone, SqliteTransaction? tx)
    {
        if (FindZone(zone, tx) is not var (zoneId, serial))
        {
            return null;
        }

        using SqliteCommand cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT owner_wire, type, class, ttl, rdata, provenance FROM records WHERE zone_id = $z;";
        cmd.Parameters.AddWithValue("$z", zoneId);
        using SqliteDataReader r = cmd.ExecuteReader();
        var records = new List<StoredRecord>();
        while (r.Read())
        {
            var type = (RecordType)r.GetInt32(1);
            var rr = new ResourceRecord(DnsName.FromWire((byte[])r[0]), type, (DnsClass)r.GetInt32(2),
                (uint)r.GetInt64(3), RdataFactory.FromWire(type, (byte[])r[4]));
            records.Add(new StoredRecord(rr, RecordProvenanceText.Parse(r.GetString(5))));
        }

        return new StoredZone(zone, serial, records);
    }

    /// <summary>The zone's row id and serial, or null.</summary>
    private (long Id, uint Serial)? FindZone(ZoneKey zone, SqliteTransaction? tx)
    {
        using SqliteCommand cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT id, serial FROM zones WHERE view = $v AND origin_key = $k;";
        cmd.Parameters.AddWithValue("$v", zone.View);
        cmd.Parameters.AddWithValue("$k", zone.Origin.ToLowerInvariant().Wire.ToArray());
        using SqliteDataReader r = cmd.ExecuteReader();
        return r.Read() ? (r.GetInt64(0), (uint)r.GetInt64(1)) : null;
    }

    private void Execute(string sql)
    {
        using SqliteCommand cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static string Now(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
