using Microsoft.Data.Sqlite;
using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Persistence;
using SplitDns.ZoneStore.Persistence.Sqlite;
using static SplitDns.ZoneStore.Tests.TestRecords;

namespace SplitDns.ZoneStore.Tests.Persistence;

/// <summary>What only the SQLite store has: its file, its pragmas, its schema numbers (the contract is in <see cref="ZoneStoreContractTests"/>).</summary>
public sealed class SqliteZoneStoreTests : IAsyncLifetime
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
    public void Schema_CurrentVersion_IsAppendOnlyGolden()
    {
        // Persisted: bump only by appending a migration.
        Assert.Equal(2, SqliteSchema.CurrentVersion);
        Assert.Equal("file", RecordProvenanceText.Format(RecordProvenance.File));
        Assert.Equal("dynamic", RecordProvenanceText.Format(RecordProvenance.Dynamic));
        Assert.Equal("api", RecordProvenanceText.Format(RecordProvenance.Api));
        Assert.Equal(RecordProvenance.Api, RecordProvenanceText.Parse("api"));
        Assert.Equal("zone-file", SqliteZoneStore.ZoneFileClient);
    }

    [Fact]
    public async Task Initialize_NewFile_WalModeAtCurrentVersion()
    {
        await using (var store = new SqliteZoneStore(DbPath))
        {
            await store.InitializeAsync(default);
            await store.ReconcileFileAsync(Origin, Zone(), s_now, default);
        }

        using var c = new SqliteConnection($"Data Source={DbPath};Mode=ReadOnly;Pooling=False");
        c.Open();
        using SqliteCommand cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string)cmd.ExecuteScalar()!);
        Assert.Equal(SqliteSchema.CurrentVersion, SqliteSchema.ReadVersion(c));
        Assert.Null(SqliteZoneStore.Probe(DbPath));
    }

    [Fact]
    public void RecordListCodec_RoundTrip_KeepsCaseTtlAndBytes()
    {
        List<ResourceRecord> rrs = [Rr("MiXeD 0 TXT \"x\" \"y\""), Rr("* 7 A 192.0.2.1"), Rr("@ 1 MX 10 Mail")];

        List<ResourceRecord> back = RecordListCodec.Decode(RecordListCodec.Encode(rrs));

        Assert.Equal(rrs.Select(r => r.ToString()), back.Select(r => r.ToString()));
    }
}
