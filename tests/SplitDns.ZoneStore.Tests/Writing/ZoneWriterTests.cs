using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Persistence;
using SplitDns.ZoneStore.Persistence.Sqlite;
using SplitDns.ZoneStore.Updates;
using SplitDns.ZoneStore.Writing;

namespace SplitDns.ZoneStore.Tests.Writing;

/// <summary>
/// Group commit in <see cref="ZoneWriter"/>, in process with a real SQLite store: updates queued
/// while a commit runs go out as one batch, each keeps its own prerequisites, journal row and
/// serial, and a failing one does not disturb the others.
/// </summary>
public sealed class ZoneWriterTests : IAsyncLifetime
{
    private static readonly DnsName s_origin = DnsName.Parse("example.com.");
    private static readonly IPEndPoint s_client = new(IPAddress.Loopback, 5353);
    private static readonly ZoneUpdatePolicy s_policy = new([new UpdateGrant("k.", [NamePattern.Parse("**", s_origin)], [], [])]);
    private readonly string _dir = Directory.CreateTempSubdirectory("splitdns-writer-").FullName;
    private readonly ZoneCatalog _catalog = new();
    private SqliteZoneStore _store = null!;
    private ZoneWriter _writer = null!;

    public async Task InitializeAsync()
    {
        _store = new SqliteZoneStore(Path.Combine(_dir, "zones.db"));
        await _store.InitializeAsync(default);
        _writer = new ZoneWriter(new UpdateSettings(), _catalog, NullLogger.Instance, _store);
        List<ResourceRecord> file =
        [
            TestRecords.Rr("example.com. 3600 IN SOA ns1.example.com. hostmaster.example.com. 100 7200 900 1209600 300"),
            TestRecords.Rr("example.com. 3600 IN NS ns1.example.com."),
            TestRecords.Rr("ns1.example.com. 3600 IN A 192.0.2.1"),
        ];
        ZoneChangeOutcome loaded = await _writer.SubmitAsync(ZoneChangeRequest.File(s_origin, file), default);
        _catalog.Publish(ZoneSnapshot.Create(s_origin, loaded.Records!));
    }

    public async Task DisposeAsync()
    {
        _writer.Dispose();
        await _store.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task ApplyAsync_UpdatesQueuedDuringACommit_CommitAsOneBatchWithOwnSerials()
    {
        var commits = new List<uint>();
        using var firstEntered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        _writer.Committed += snapshot =>
        {
            commits.Add(snapshot.Serial);
            if (commits.Count == 1)
            {
                // Hold the zone's writer inside its first commit while the others queue up.
                firstEntered.Set();
                release.Wait(TimeSpan.FromSeconds(30));
            }
        };

        Task<UpdateResult> first = Apply([], ["first.example.com. 60 IN A 192.0.2.10"]);
        Assert.True(firstEntered.Wait(TimeSpan.FromSeconds(30)));
        var queued = new List<Task<UpdateResult>>
        {
            // Name Is Not In Use holds, then fails for the second identical request: the first
            // one's add is visible to it although neither is committed yet (RFC 2136 §3.2).
            Apply(["dup.example.com. 0 NONE ANY"], ["dup.example.com. 60 IN A 192.0.2.11"]),
            Apply(["dup.example.com. 0 NONE ANY"], ["dup.example.com. 60 IN A 192.0.2.12"]),
            Apply([], ["second.example.com. 60 IN A 192.0.2.13"]),
            Apply([], ["second.example.com. 60 IN A 192.0.2.13"]),
            Apply([], ["third.example.com. 60 IN TXT \"x\""]),
        };
        release.Set();
        UpdateResult[] results = await Task.WhenAll(queued);

        Assert.Equal(101u, (await first).NewSerial);
        Assert.Equal([DnsRcode.NoError, DnsRcode.YxDomain, DnsRcode.NoError, DnsRcode.NoError, DnsRcode.NoError], results.Select(r => r.Rcode));
        Assert.Equal([true, false, true, false, true], results.Select(r => r.Changed));
        Assert.Equal([(101u, 102u), (102u, 103u), (103u, 104u)], results.Where(r => r.Changed).Select(r => (r.OldSerial, r.NewSerial)));
        Assert.Equal([101u, 104u], commits);
        IReadOnlyList<JournalEntry>? journal = await _store.ReadJournalAsync(s_origin, 100, default);
        Assert.Equal([(100u, 101u), (101u, 102u), (102u, 103u), (103u, 104u)], journal!.Select(e => (e.FromSerial, e.ToSerial)));
        StoredZone stored = (await _store.LoadZoneAsync(s_origin, default))!;
        Assert.Equal(104u, stored.Serial);
        Assert.Single(stored.Records, r => r.Record.Name.ToString() == "dup.example.com.");
        ZoneSnapshot published = _catalog.Get(s_origin)!;
        Assert.Equal(104u, published.Serial);
        Assert.Equal(LookupOutcome.Hit, published.Find(DnsName.Parse("third.example.com."), RecordType.TXT, out _, out _));
    }

    [Fact]
    public async Task ApplyAsync_ManyConcurrentWriters_EveryAcknowledgedChangeStoredAndPublished()
    {
        var tasks = Enumerable.Range(0, 64)
            .Select(i => Apply([], [$"h{i}.example.com. 60 IN A 192.0.2.{i}"]))
            .ToList();
        UpdateResult[] results = await Task.WhenAll(tasks);

        Assert.All(results, r => Assert.Equal(DnsRcode.NoError, r.Rcode));
        Assert.Equal(Enumerable.Range(101, 64).Select(s => (uint)s), results.Select(r => r.NewSerial).Order());
        Assert.Equal(164u, _catalog.Get(s_origin)!.Serial);
        Assert.Equal(64, (await _store.ReadJournalAsync(s_origin, 100, default))!.Count);
        Assert.Equal(67, _catalog.Get(s_origin)!.RecordCount);
    }

    [Fact]
    public async Task SubmitAsync_ApiChange_StoredWithApiProvenance_AndKeptByAFileReconcile()
    {
        ZoneChangeRequest change = ZoneChangeRequest.Api(s_origin, TestRecords.Update("api.example.com. 60 IN A 192.0.2.77"), s_policy, "k.", s_client);

        UpdateResult result = await SubmitAsync(change);
        List<ResourceRecord> file =
        [
            TestRecords.Rr("example.com. 3600 IN SOA ns1.example.com. hostmaster.example.com. 100 7200 900 1209600 300"),
            TestRecords.Rr("example.com. 3600 IN NS ns1.example.com."),
            TestRecords.Rr("ns1.example.com. 3600 IN A 192.0.2.2"),
        ];
        ZoneChangeOutcome reload = await _writer.SubmitAsync(ZoneChangeRequest.File(s_origin, file), default);

        Assert.True(result.Changed);
        Assert.Equal([RecordProvenance.Api, RecordProvenance.File], (await _store.ReadJournalAsync(s_origin, 100, default))!.Select(e => e.Provenance));
        StoredZone stored = (await _store.LoadZoneAsync(s_origin, default))!;
        Assert.Equal(RecordProvenance.Api, Assert.Single(stored.Records, r => r.Record.Name.ToString() == "api.example.com.").Provenance);
        Assert.Equal(ReconcileStatus.Updated, reload.Reconcile!.Status);
        Assert.Contains(reload.Records!, r => r.Name.ToString() == "api.example.com.");
        Assert.Contains(reload.Records!, r => r.Data is ARdata a && a.Address.ToString() == "192.0.2.2");
    }

    private Task<UpdateResult> Apply(string[] prerequisites, string[] updates) =>
        SubmitAsync(ZoneChangeRequest.Dynamic(s_origin, TestRecords.Update(prerequisites, updates), s_policy, "k.", s_client));

    private async Task<UpdateResult> SubmitAsync(ZoneChangeRequest change) => (await _writer.SubmitAsync(change, default)).Update!;
}
