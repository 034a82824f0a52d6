using Microsoft.Data.Sqlite;
using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Persistence;
using SplitDns.ZoneStore.Persistence.Sqlite;
using static SplitDns.ZoneStore.Tests.TestRecords;

namespace SplitDns.ZoneStore.Tests.Persistence;

/// <summary>The migration of a version-1 store (one zone per origin) to zones keyed by (view, origin).</summary>
public sealed class SqliteZoneStoreViewTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("splitdns-store-").FullName;

    private string DbPath => Path.Combine(_dir, "zones.db");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Migrate_Version1Store_KeepsEveryRecordAndJournalRowAsSharedZone()
    {
        CreateVersion1Store();

        await using var store = new SqliteZoneStore(DbPath);
        await store.InitializeAsync(default);

        Assert.Equal([ZoneKey.Shared(Origin)], await store.ListZonesAsync(default));
        StoredZone zone = (await store.LoadZoneAsync(Origin, default))!;
        Assert.Equal(101u, zone.Serial);
        List<string> records = zone.Records.Select(r => r.Record.ToString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(3, records.Count);
        Assert.Contains(records, r => r == "app.example.com.\t60\tIN\tA\t192.0.2.9");
        IReadOnlyList<JournalEntry> journal = (await store.ReadJournalAsync(Origin, 100, default))!;
        Assert.Equal(101u, Assert.Single(journal).ToSerial);

        // The migrated store takes new writes, and a second instance of the origin beside the first.
        await store.ReconcileFileAsync(new ZoneKey("pods", Origin), Zone(), s_now, default);
        Assert.Equal(2, (await store.ListZonesAsync(default)).Count);
        using var c = new SqliteConnection($"Data Source={DbPath};Mode=ReadOnly;Pooling=False");
        c.Open();
        Assert.Equal(SqliteSchema.CurrentVersion, SqliteSchema.ReadVersion(c));
    }

    /// <summary>A store exactly as the version-1 schema left it: one zone, three records, one journal row.</summary>
    private void CreateVersion1Store()
    {
        SQLitePCL.Batteries_V2.Init();
        using var c = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        c.Open();
        byte[] origin = Origin.ToLowerInvariant().Wire.ToArray();
        using SqliteCommand cmd = c.CreateCommand();
        cmd.CommandText = SqliteSchema.Migrations[0] + """

            PRAGMA user_version = 1;
            INSERT INTO zones (id, origin_key, origin, serial, created_at, updated_at) VALUES (1, $o, 'example.com.', 101, 't', 't');
            INSERT INTO records (zone_id, owner_key, owner_wire, owner, type, class, ttl, rdata, rdata_key, rdata_text, provenance) VALUES
              (1, $o, $o, 'example.com.', 6, 1, 3600, $soa, $soa, 'soa', 'file'),
              (1, $o, $o, 'example.com.', 2, 1, 3600, $ns, $ns, 'ns', 'file'),
              (1, $app, $app, 'app.example.com.', 1, 1, 60, x'c0000209', x'c0000209', '192.0.2.9', 'dynamic');
            INSERT INTO journal (zone_id, serial_from, serial_to, time, key_name, client, provenance, deleted, added, deleted_text, added_text)
              VALUES (1, 100, 101, '2026-01-02T03:04:05.0000000Z', 'k.', '127.0.0.1', 'dynamic', $d, $a, '', '');
            """;
        ResourceRecord soa = Rr("@ 3600 SOA ns1 hostmaster 101 7200 900 1209600 300");
        cmd.Parameters.AddWithValue("$o", origin);
        cmd.Parameters.AddWithValue("$app", DnsNameWire("app.example.com."));
        cmd.Parameters.AddWithValue("$soa", soa.Data.ToWire());
        cmd.Parameters.AddWithValue("$ns", Rr("@ 3600 NS ns1").Data.ToWire());
        cmd.Parameters.AddWithValue("$d", RecordListCodec.Encode([Rr("@ 3600 SOA ns1 hostmaster 100 7200 900 1209600 300")]));
        cmd.Parameters.AddWithValue("$a", RecordListCodec.Encode([soa, Rr("app 60 A 192.0.2.9")]));
        cmd.ExecuteNonQuery();
    }

    private static byte[] DnsNameWire(string name) => SplitDns.Protocol.Names.DnsName.Parse(name).Wire.ToArray();
}
