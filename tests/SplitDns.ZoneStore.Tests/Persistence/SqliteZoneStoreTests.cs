using System.Net;
using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Persistence;
using SplitDns.ZoneStore.Persistence.Sqlite;
using SplitDns.ZoneStore.Updates;
using static SplitDns.ZoneStore.Tests.TestRecords;

namespace SplitDns.ZoneStore.Tests.Persistence;

public sealed class SqliteZoneStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("splitdns-store-").FullName;
    private SqliteZoneStore _store = null!;

    private string DbPath => Path.Combine(_dir, "zones.db");

    public async Task InitializeAsync()
    {
        _store = new SqliteZoneStore(DbPath);
        await _store.InitializeAsync(default);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<UpdateResult> UpdateAndCommit(params string[] updates)
    {
        StoredZone zone = (await _store.LoadZoneAsync(Origin, default))!;
        var set = new ZoneWorkingSet(Origin, zone.ToRecords());
        var policy = new ZoneUpdatePolicy([new UpdateGrant("k.", [NamePattern.Parse("**", Origin)], [], [])]);
        UpdateResult r = new UpdateProcessor(new UpdateSettings()).Apply(Update(updates), set, policy, "k.", IPAddress.Loopback, s_now);
        if (r.Changed)
        {
            var change = new ZoneCommit(Origin, r.OldSerial, r.NewSerial, r.Deleted, r.Added, RecordProvenance.Dynamic, "k.", "127.0.0.1", s_now);
            Assert.Equal(CommitStatus.Committed, await _store.CommitAsync(change, default));
        }

        return r;
    }

    private async Task<List<string>> Records()
    {
        StoredZone zone = (await _store.LoadZoneAsync(Origin, default))!;
        return zone.Records.Select(r => $"{r.Record} ;{r.Provenance}").Order().ToList();
    }

    [Fact]
    public void Schema_CurrentVersion_IsAppendOnlyGolden()
    {
        // Persisted: bump only by appending a migration.
        Assert.Equal(2, SqliteSchema.CurrentVersion);
        Assert.Equal("file", SqliteZoneStore.ProvenanceText(RecordProvenance.File));
        Assert.Equal("dynamic", SqliteZoneStore.ProvenanceText(RecordProvenance.Dynamic));
        Assert.Equal("api", SqliteZoneStore.ProvenanceText(RecordProvenance.Api));
    }

    [Fact]
    public async Task ReconcileFile_NewZone_CreatedWithFileRecords()
    {
        ReconcileResult r = await _store.ReconcileFileAsync(Origin, Zone(), s_now, default);

        Assert.Equal(ReconcileStatus.Created, r.Status);
        Assert.Equal(100u, r.Serial);
        Assert.Equal([Origin], await _store.ListZonesAsync(default));
        Assert.All(await Records(), line => Assert.EndsWith(";File", line));
    }

    [Fact]
    public async Task Commit_ThenReopen_RecordsAndSerialSurvive()
    {
        await _store.ReconcileFileAsync(Origin, Zone(), s_now, default);
        await UpdateAndCommit("App 0 TXT \"a\" \"b\"", "www 300 CNAME internal");
        List<string> before = await Records();

        await _store.DisposeAsync();
        _store = new SqliteZoneStore(DbPath);
        await _store.InitializeAsync(default);

        Assert.Equal(before, await Records());
        StoredZone zone = (await _store.LoadZoneAsync(Origin, default))!;
        Assert.Equal(101u, zone.Serial);
        Assert.Contains(zone.Records, r => r.Record.Name.ToString() == "App.example.com." && r.Record.Ttl == 0);
    }

    [Fact]
    public async Task Commit_StaleBaseSerial_Conflict()
    {
        await _store.ReconcileFileAsync(Origin, Zone(), s_now, default);
        await UpdateAndCommit("a 300 A 192.0.2.1");
        var stale = new ZoneCommit(Origin, 100, 101, [], [Rr("b 300 A 192.0.2.2")], RecordProvenance.Dynamic, null, null, s_now);

        Assert.Equal(CommitStatus.Conflict, await _store.CommitAsync(stale, default));
    }

    [Fact]
    public async Task CommitBatch_ChainedChanges_OneJournalRowEachAndLastSerial()
    {
        await _store.ReconcileFileAsync(Origin, Zone(), s_now, default);
        ZoneCommit[] batch =
        [
            Change(100, 101, [], [Rr("a 300 A 192.0.2.1")]),
            Change(101, 102, [Rr("a 300 A 192.0.2.1")], [Rr("b 300 A 192.0.2.2")]),
            Change(102, 103, [], [Rr("c 300 A 192.0.2.3")]),
        ];

        Assert.Equal(CommitStatus.Committed, await _store.CommitAsync(batch, default));

        Assert.Equal(103u, (await _store.LoadZoneAsync(Origin, default))!.Serial);
        IReadOnlyList<JournalEntry>? journal = await _store.ReadJournalAsync(Origin, 100, default);
        Assert.Equal([(100u, 101u), (101u, 102u), (102u, 103u)], journal!.Select(e => (e.FromSerial, e.ToSerial)));
        List<string> lines = await Records();
        Assert.DoesNotContain(lines, l => l.StartsWith("a.example.com.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("b.example.com.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("c.example.com.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CommitBatch_BrokenChain_NothingApplied()
    {
        await _store.ReconcileFileAsync(Origin, Zone(), s_now, default);
        ZoneCommit[] batch =
        [
            Change(100, 101, [], [Rr("a 300 A 192.0.2.1")]),
            Change(105, 106, [], [Rr("b 300 A 192.0.2.2")]),
        ];

        Assert.Equal(CommitStatus.Conflict, await _store.CommitAsync(batch, default));

        Assert.Equal(100u, (await _store.LoadZoneAsync(Origin, default))!.Serial);
        Assert.Equal(0, await _store.CountJournalAsync(Origin, default));
        Assert.DoesNotContain(await Records(), l => l.StartsWith("a.example.com.", StringComparison.Ordinal));
    }

    private static ZoneCommit Change(uint from, uint to, List<ResourceRecord> deleted, List<ResourceRecord> added)
    {
        string soa(uint serial) => $"@ 3600 SOA ns1 hostmaster {serial} 7200 900 1209600 300";
        return new ZoneCommit(Origin, from, to, [Rr(soa(from)), .. deleted], [Rr(soa(to)), .. added],
            RecordProvenance.Dynamic, "k.", "127.0.0.1", s_now);
    }

    [Fact]
    public async Task ReconcileFile_ChangedFile_ReplacesFileRecordsKeepsDynamic()
    {
        await _store.ReconcileFileAsync(Origin, Zone("old 300 A 192.0.2.1", "keep 300 A 192.0.2.2"), s_now, default);
        await UpdateAndCommit("dyn 300 A 192.0.2.3");

        ReconcileResult r = await _store.ReconcileFileAsync(Origin, Zone("keep 300 A 192.0.2.2", "new 300 A 192.0.2.4"), s_now, default);

        Assert.Equal(ReconcileStatus.Updated, r.Status);
        Assert.Equal(102u, r.Serial);
        List<string> lines = await Records();
        Assert.Contains(lines, l => l.StartsWith("dyn.example.com.", StringComparison.Ordinal) && l.EndsWith(";Dynamic", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("new.example.com.", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("old.example.com.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReconcileFile_SameFile_Unchanged()
    {
        await _store.ReconcileFileAsync(Origin, Zone("a 300 A 192.0.2.1"), s_now, default);

        ReconcileResult r = await _store.ReconcileFileAsync(Origin, Zone("a 300 A 192.0.2.1"), s_now, default);

        Assert.Equal(ReconcileStatus.Unchanged, r.Status);
        Assert.Equal(0, await _store.CountJournalAsync(Origin, default));
    }

    [Fact]
    public async Task ReconcileFile_FileSerialNewer_Adopted()
    {
        await _store.ReconcileFileAsync(Origin, Zone(), s_now, default);
        List<ResourceRecord> file = Zone("a 300 A 192.0.2.1");
        file[0] = Rr("@ 3600 SOA ns1 hostmaster 2026010100 7200 900 1209600 300");

        ReconcileResult r = await _store.ReconcileFileAsync(Origin, file, s_now, default);

        Assert.Equal(2026010100u, r.Serial);
    }

    [Fact]
    public async Task ReadJournal_FromOldSerial_ReturnsEachChangeInOrder()
    {
        await _store.ReconcileFileAsync(Origin, Zone(), s_now, default);
        await UpdateAndCommit("a 300 A 192.0.2.1");
        await UpdateAndCommit("b 300 A 192.0.2.2");
        await UpdateAndCommit("a 0 NONE A 192.0.2.1");

        IReadOnlyList<JournalEntry>? all = await _store.ReadJournalAsync(Origin, 100, default);
        IReadOnlyList<JournalEntry>? tail = await _store.ReadJournalAsync(Origin, 102, default);

        Assert.Equal([(100u, 101u), (101u, 102u), (102u, 103u)], all!.Select(e => (e.FromSerial, e.ToSerial)));
        Assert.Equal("k.", all![0].KeyName);
        Assert.Equal(RecordType.SOA, all[2].Deleted[0].Type);
        Assert.Equal("a.example.com.", all[2].Deleted[1].Name.ToString());
        Assert.Single(tail!);
        Assert.Empty((await _store.ReadJournalAsync(Origin, 103, default))!);
        Assert.Null(await _store.ReadJournalAsync(Origin, 42, default));
    }

    [Fact]
    public async Task TrimJournal_KeepsNewest_OlderSerialNoLongerReachable()
    {
        await _store.ReconcileFileAsync(Origin, Zone(), s_now, default);
        for (int i = 0; i < 5; i++)
        {
            await UpdateAndCommit($"h{i} 300 A 192.0.2.{i}");
        }

        Assert.Equal(3, await _store.TrimJournalAsync(Origin, 2, default));
        Assert.Equal(2, await _store.CountJournalAsync(Origin, default));
        Assert.Null(await _store.ReadJournalAsync(Origin, 100, default));
        Assert.Equal(2, (await _store.ReadJournalAsync(Origin, 103, default))!.Count);
    }

    [Fact]
    public async Task Commit_TwoZonesTakingTurns_EachJournalTrimmedToItsLimit()
    {
        // The old trigger (store-wide row number crossing a multiple of 64) always landed on the
        // same zone when two alternate, so the other one's journal grew without bound.
        const int limit = 10;
        await using var store = new SqliteZoneStore(Path.Combine(_dir, "turns.db"), limit);
        await store.InitializeAsync(default);
        var origins = new[] { Origin, Protocol.Names.DnsName.Parse("example.net.") };
        var serials = new uint[origins.Length];
        for (int z = 0; z < origins.Length; z++)
        {
            await store.ReconcileFileAsync(origins[z], ZoneAt(origins[z]), s_now, default);
            serials[z] = 100;
        }

        for (int i = 0; i < 150; i++)
        {
            int z = i % 2;
            ResourceRecord soaOld = Soa(origins[z], serials[z]);
            ResourceRecord soaNew = Soa(origins[z], serials[z] + 1);
            var added = new ResourceRecord(Protocol.Names.DnsName.Parse($"h{i}.{origins[z]}"), 300, new ARdata(IPAddress.Parse("192.0.2.1")));
            var change = new ZoneCommit(origins[z], serials[z], serials[z] + 1, [soaOld], [soaNew, added], RecordProvenance.Dynamic, "k.", "127.0.0.1", s_now);
            Assert.Equal(CommitStatus.Committed, await store.CommitAsync(change, default));
            serials[z]++;
        }

        foreach (var origin in origins)
        {
            long rows = await store.CountJournalAsync(origin, default);
            Assert.InRange(rows, limit, (2 * limit) - 1);
        }
    }

    private static ResourceRecord Soa(Protocol.Names.DnsName origin, uint serial) =>
        new(origin, 3600, new SoaRdata(Protocol.Names.DnsName.Parse("ns1." + origin), Protocol.Names.DnsName.Parse("hostmaster." + origin), serial, 7200, 900, 1209600, 300));

    private static List<ResourceRecord> ZoneAt(Protocol.Names.DnsName origin) =>
        [Soa(origin, 100), new ResourceRecord(origin, 3600, new NsRdata(Protocol.Names.DnsName.Parse("ns1." + origin)))];

    [Fact]
    public void RecordListCodec_RoundTrip_KeepsCaseTtlAndBytes()
    {
        List<ResourceRecord> rrs = [Rr("MiXeD 0 TXT \"x\" \"y\""), Rr("* 7 A 192.0.2.1"), Rr("@ 1 MX 10 Mail")];

        List<ResourceRecord> back = RecordListCodec.Decode(RecordListCodec.Encode(rrs));

        Assert.Equal(rrs.Select(r => r.ToString()), back.Select(r => r.ToString()));
    }
}
