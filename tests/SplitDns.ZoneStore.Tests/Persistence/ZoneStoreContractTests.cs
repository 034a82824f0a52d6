using System.Net;
using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Persistence;
using SplitDns.ZoneStore.Updates;
using static SplitDns.ZoneStore.Tests.TestRecords;

namespace SplitDns.ZoneStore.Tests.Persistence;

/// <summary>
/// What every <see cref="IZoneStore"/> does, whatever holds the data. A subclass supplies a fresh,
/// empty backing (file, database) per test and opens stores on it; every test runs against each.
/// </summary>
public abstract partial class ZoneStoreContractTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset s_now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    protected IZoneStore Store { get; private set; } = null!;

    /// <summary>Creates this test's empty backing.</summary>
    protected abstract Task CreateBackingAsync();

    /// <summary>A new store instance on this test's backing (not yet initialized).</summary>
    protected abstract IZoneStore OpenStore(int journalLimit);

    /// <summary>Removes this test's backing (every store on it is disposed by then).</summary>
    protected abstract Task DeleteBackingAsync();

    public async Task InitializeAsync()
    {
        await CreateBackingAsync();
        Store = OpenStore(10_000);
        await Store.InitializeAsync(default);
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        await DeleteBackingAsync();
    }

    /// <summary>Disposes the store and opens a new one on the same backing, as a restart does.</summary>
    protected async Task ReopenAsync(int journalLimit = 10_000)
    {
        await Store.DisposeAsync();
        Store = OpenStore(journalLimit);
        await Store.InitializeAsync(default);
    }

    protected async Task<UpdateResult> UpdateAndCommit(params string[] updates)
    {
        StoredZone zone = (await Store.LoadZoneAsync(Origin, default))!;
        var set = new ZoneWorkingSet(Origin, zone.ToRecords());
        var policy = new ZoneUpdatePolicy([new UpdateGrant("k.", [NamePattern.Parse("**", Origin)], [], [])]);
        UpdateResult r = new UpdateProcessor(new UpdateSettings()).Apply(Update(updates), set, policy, "k.", IPAddress.Loopback, s_now);
        if (r.Changed)
        {
            var change = new ZoneCommit(Origin, r.OldSerial, r.NewSerial, r.Deleted, r.Added, RecordProvenance.Dynamic, "k.", "127.0.0.1", s_now);
            Assert.Equal(CommitStatus.Committed, await Store.CommitAsync(change, default));
        }

        return r;
    }

    protected async Task<List<string>> Records(ZoneKey? zone = null)
    {
        StoredZone stored = (await Store.LoadZoneAsync(zone ?? Origin, default))!;
        return stored.Records.Select(r => $"{r.Record} ;{r.Provenance}").Order(StringComparer.Ordinal).ToList();
    }

    protected static ZoneCommit Change(uint from, uint to, List<ResourceRecord> deleted, List<ResourceRecord> added,
        RecordProvenance provenance = RecordProvenance.Dynamic, ZoneKey? zone = null)
    {
        string soa(uint serial) => $"@ 3600 SOA ns1 hostmaster {serial} 7200 900 1209600 300";
        return new ZoneCommit(zone ?? Origin, from, to, [Rr(soa(from)), .. deleted], [Rr(soa(to)), .. added],
            provenance, "k.", "127.0.0.1", s_now);
    }

    [Fact]
    public async Task LoadZone_UnknownZone_NullAndNotListed()
    {
        Assert.Null(await Store.LoadZoneAsync(Origin, default));
        Assert.Null(await Store.GetSerialAsync(Origin, default));
        Assert.Empty(await Store.ListZonesAsync(default));
        Assert.Equal(0, await Store.CountJournalAsync(Origin, default));
        Assert.Null(await Store.ReadJournalAsync(Origin, 100, default));
    }

    [Fact]
    public async Task GetSerial_AfterReconcileAndCommit_FollowsTheStoredSerial()
    {
        await Store.ReconcileFileAsync(Origin, Zone(), s_now, default);
        Assert.Equal(100u, await Store.GetSerialAsync(Origin, default));

        await UpdateAndCommit("a 300 A 192.0.2.1");

        Assert.Equal(101u, await Store.GetSerialAsync(Origin, default));
        Assert.Null(await Store.GetSerialAsync(new ZoneKey("other-view", Origin), default));
    }

    [Fact]
    public async Task Commit_ThenReopen_RecordsSerialAndJournalSurvive()
    {
        await Store.ReconcileFileAsync(Origin, Zone(), s_now, default);
        await UpdateAndCommit("App 0 TXT \"a\" \"b\"", "www 300 CNAME internal");
        List<string> before = await Records();

        await ReopenAsync();

        Assert.Equal(before, await Records());
        StoredZone zone = (await Store.LoadZoneAsync(Origin, default))!;
        Assert.Equal(101u, zone.Serial);
        Assert.Contains(zone.Records, r => r.Record.Name.ToString() == "App.example.com." && r.Record.Ttl == 0);
        JournalEntry row = Assert.Single((await Store.ReadJournalAsync(Origin, 100, default))!);
        Assert.Equal((100u, 101u), (row.FromSerial, row.ToSerial));
        Assert.Equal([ZoneKey.Shared(Origin)], await Store.ListZonesAsync(default));
    }

    [Fact]
    public async Task Commit_StaleBaseSerial_ConflictAndNothingApplied()
    {
        await Store.ReconcileFileAsync(Origin, Zone(), s_now, default);
        await UpdateAndCommit("a 300 A 192.0.2.1");
        ZoneCommit stale = Change(100, 101, [], [Rr("b 300 A 192.0.2.2")]);

        Assert.Equal(CommitStatus.Conflict, await Store.CommitAsync(stale, default));

        Assert.Equal(101u, await Store.GetSerialAsync(Origin, default));
        Assert.DoesNotContain(await Records(), l => l.StartsWith("b.example.com.", StringComparison.Ordinal));
        Assert.Equal(1, await Store.CountJournalAsync(Origin, default));
    }

    [Fact]
    public async Task Commit_UnknownZone_NoSuchZone()
    {
        Assert.Equal(CommitStatus.NoSuchZone, await Store.CommitAsync(Change(100, 101, [], [Rr("a 300 A 192.0.2.1")]), default));
    }

    [Fact]
    public async Task Commit_SameRecordNewTtl_ReplacedInPlace()
    {
        await Store.ReconcileFileAsync(Origin, Zone("a 300 A 192.0.2.1"), s_now, default);

        Assert.Equal(CommitStatus.Committed, await Store.CommitAsync(
            Change(100, 101, [Rr("a 300 A 192.0.2.1")], [Rr("a 60 A 192.0.2.1")]), default));

        List<string> a = (await Records()).Where(l => l.StartsWith("a.example.com.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["a.example.com.\t60\tIN\tA\t192.0.2.1 ;Dynamic"], a);
    }

    [Fact]
    public async Task Commit_LargeRdata_StoredAndLoaded()
    {
        // 16 TXT strings of 250 bytes: far past a B-tree entry, so identity must not index raw RDATA.
        string text = string.Join(' ', Enumerable.Range(0, 16).Select(i => "\"" + new string((char)('a' + i), 250) + "\""));
        await Store.ReconcileFileAsync(Origin, Zone(), s_now, default);

        Assert.Equal(CommitStatus.Committed, await Store.CommitAsync(Change(100, 101, [], [Rr("big 300 TXT " + text)]), default));
        Assert.Equal(CommitStatus.Committed, await Store.CommitAsync(Change(101, 102, [Rr("big 300 TXT " + text)], []), default));
        Assert.Equal(CommitStatus.Committed, await Store.CommitAsync(Change(102, 103, [], [Rr("big 300 TXT " + text)]), default));

        StoredZone zone = (await Store.LoadZoneAsync(Origin, default))!;
        StoredRecord big = Assert.Single(zone.Records, r => r.Record.Type == RecordType.TXT);
        Assert.Equal(Rr("big 300 TXT " + text).ToString(), big.Record.ToString());
    }

    [Fact]
    public async Task Commit_ProvenanceKeyClientAndTime_RoundTrip()
    {
        await Store.ReconcileFileAsync(Origin, Zone(), s_now, default);
        DateTimeOffset later = s_now.AddMinutes(5);
        var api = new ZoneCommit(Origin, 100, 101, [Rr("@ 3600 SOA ns1 hostmaster 100 7200 900 1209600 300")],
            [Rr("@ 3600 SOA ns1 hostmaster 101 7200 900 1209600 300"), Rr("api 300 A 192.0.2.7")], RecordProvenance.Api, null, "admin-api", later);
        Assert.Equal(CommitStatus.Committed, await Store.CommitAsync(api, default));
        await UpdateAndCommit("dyn 300 A 192.0.2.8");

        List<string> lines = await Records();
        Assert.Contains("api.example.com.\t300\tIN\tA\t192.0.2.7 ;Api", lines);
        Assert.Contains("dyn.example.com.\t300\tIN\tA\t192.0.2.8 ;Dynamic", lines);
        Assert.Contains("ns1.example.com.\t3600\tIN\tA\t192.0.2.1 ;File", lines);
        IReadOnlyList<JournalEntry> journal = (await Store.ReadJournalAsync(Origin, 100, default))!;
        Assert.Equal((RecordProvenance.Api, (string?)null, "admin-api", later), (journal[0].Provenance, journal[0].KeyName, journal[0].Client, journal[0].Time));
        Assert.Equal((RecordProvenance.Dynamic, "k.", "127.0.0.1", s_now), (journal[1].Provenance, journal[1].KeyName, journal[1].Client, journal[1].Time));
        Assert.True(journal[1].Sequence > journal[0].Sequence);
    }

    [Fact]
    public async Task CommitBatch_ChainedChanges_OneJournalRowEachAndLastSerial()
    {
        await Store.ReconcileFileAsync(Origin, Zone(), s_now, default);
        ZoneCommit[] batch =
        [
            Change(100, 101, [], [Rr("a 300 A 192.0.2.1")]),
            Change(101, 102, [Rr("a 300 A 192.0.2.1")], [Rr("b 300 A 192.0.2.2")]),
            Change(102, 103, [], [Rr("c 300 A 192.0.2.3")]),
        ];

        Assert.Equal(CommitStatus.Committed, await Store.CommitAsync(batch, default));

        Assert.Equal(103u, (await Store.LoadZoneAsync(Origin, default))!.Serial);
        IReadOnlyList<JournalEntry>? journal = await Store.ReadJournalAsync(Origin, 100, default);
        Assert.Equal([(100u, 101u), (101u, 102u), (102u, 103u)], journal!.Select(e => (e.FromSerial, e.ToSerial)));
        List<string> lines = await Records();
        Assert.DoesNotContain(lines, l => l.StartsWith("a.example.com.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("b.example.com.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("c.example.com.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CommitBatch_BrokenChain_NothingApplied()
    {
        await Store.ReconcileFileAsync(Origin, Zone(), s_now, default);
        ZoneCommit[] batch =
        [
            Change(100, 101, [], [Rr("a 300 A 192.0.2.1")]),
            Change(105, 106, [], [Rr("b 300 A 192.0.2.2")]),
        ];

        Assert.Equal(CommitStatus.Conflict, await Store.CommitAsync(batch, default));

        Assert.Equal(100u, (await Store.LoadZoneAsync(Origin, default))!.Serial);
        Assert.Equal(0, await Store.CountJournalAsync(Origin, default));
        Assert.DoesNotContain(await Records(), l => l.StartsWith("a.example.com.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CommitBatch_Empty_CommittedWithoutChange()
    {
        await Store.ReconcileFileAsync(Origin, Zone(), s_now, default);

        Assert.Equal(CommitStatus.Committed, await Store.CommitAsync([], default));

        Assert.Equal(100u, await Store.GetSerialAsync(Origin, default));
        Assert.Equal(0, await Store.CountJournalAsync(Origin, default));
    }
}
