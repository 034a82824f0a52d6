using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Persistence.Sqlite;
using SplitDns.ZoneStore.Updates;
using SplitDns.ZoneStore.Writing;

namespace SplitDns.ZoneStore.Tests.Writing;

/// <summary>
/// Two writers over one database, as two replicas: what one commits, the other publishes after
/// <see cref="ZoneWriter.CatchUpAsync"/>, from the journal (or whole when the journal was trimmed).
/// </summary>
public sealed class ZoneWriterCatchUpTests : IAsyncLifetime
{
    private static readonly DnsName s_origin = DnsName.Parse("example.com.");
    private static readonly IPEndPoint s_client = new(IPAddress.Loopback, 5353);
    private static readonly ZoneUpdatePolicy s_policy = new([new UpdateGrant("k.", [NamePattern.Parse("**", s_origin)], [], [])]);
    private readonly string _dir = Directory.CreateTempSubdirectory("splitdns-catchup-").FullName;
    private readonly Replica _a = new();
    private readonly Replica _b = new();

    public async Task InitializeAsync()
    {
        string path = Path.Combine(_dir, "zones.db");
        await _a.OpenAsync(path);
        await _b.OpenAsync(path);
        List<ResourceRecord> file =
        [
            TestRecords.Rr("example.com. 3600 IN SOA ns1.example.com. hostmaster.example.com. 100 7200 900 1209600 300"),
            TestRecords.Rr("example.com. 3600 IN NS ns1.example.com."),
            TestRecords.Rr("ns1.example.com. 3600 IN A 192.0.2.1"),
        ];
        await _a.LoadAsync(file);
        await _b.LoadAsync(file);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task CatchUpAsync_AfterAnotherWriterCommitted_AppliesItsJournalRows()
    {
        await _a.AddAsync("one.example.com. 60 IN A 192.0.2.10");
        await _a.AddAsync("two.example.com. 60 IN A 192.0.2.11");
        ZoneSnapshot before = _b.Catalog.Get(s_origin)!;

        uint? serial = await _b.Writer.CatchUpAsync(s_origin, default);

        ZoneSnapshot after = _b.Catalog.Get(s_origin)!;
        Assert.Equal(100u, before.Serial);
        Assert.Equal(102u, serial);
        Assert.Equal(102u, after.Serial);
        Assert.Equal(LookupOutcome.Hit, after.Find(DnsName.Parse("two.example.com."), RecordType.A, out _, out _));
        Assert.Equal(_a.Catalog.Get(s_origin)!.Records.Select(r => r.ToString()).Order(), after.Records.Select(r => r.ToString()).Order());
    }

    [Fact]
    public async Task CatchUpAsync_ThenLocalUpdate_StartsFromTheCaughtUpSerial()
    {
        await _a.AddAsync("one.example.com. 60 IN A 192.0.2.10");
        await _b.Writer.CatchUpAsync(s_origin, default);

        UpdateResult result = await _b.AddAsync("three.example.com. 60 IN A 192.0.2.12");

        Assert.Equal((101u, 102u), (result.OldSerial, result.NewSerial));
        Assert.Equal(102u, await _a.Writer.CatchUpAsync(s_origin, default));
    }

    [Fact]
    public async Task CatchUpAsync_JournalTrimmedPastThePublishedSerial_ReloadsTheZone()
    {
        for (int i = 0; i < 3; i++)
        {
            await _a.AddAsync($"h{i}.example.com. 60 IN A 192.0.2.{20 + i}");
        }

        await _a.Store.TrimJournalAsync(s_origin, 1, default);

        Assert.Equal(103u, await _b.Writer.CatchUpAsync(s_origin, default));
        Assert.Equal(LookupOutcome.Hit, _b.Catalog.Get(s_origin)!.Find(DnsName.Parse("h0.example.com."), RecordType.A, out _, out _));
    }

    [Fact]
    public async Task CatchUpAsync_NothingNew_LeavesTheSnapshot()
    {
        ZoneSnapshot before = _b.Catalog.Get(s_origin)!;

        Assert.Equal(100u, await _b.Writer.CatchUpAsync(s_origin, default));
        Assert.Same(before, _b.Catalog.Get(s_origin));
    }

    private sealed class Replica : IAsyncDisposable
    {
        public ZoneCatalog Catalog { get; } = new();

        public SqliteZoneStore Store { get; private set; } = null!;

        public ZoneWriter Writer { get; private set; } = null!;

        public async Task OpenAsync(string path)
        {
            Store = new SqliteZoneStore(path);
            await Store.InitializeAsync(default);
            Writer = new ZoneWriter(new UpdateSettings(), Catalog, NullLogger.Instance, Store);
        }

        public async Task LoadAsync(List<ResourceRecord> file)
        {
            ZoneChangeOutcome loaded = await Writer.SubmitAsync(ZoneChangeRequest.File(s_origin, file), default);
            Catalog.Publish(ZoneSnapshot.Create(s_origin, loaded.Records!));
        }

        public async Task<UpdateResult> AddAsync(string record)
        {
            ZoneChangeOutcome outcome = await Writer.SubmitAsync(ZoneChangeRequest.Dynamic(s_origin, TestRecords.Update(record), s_policy, "k.", s_client), default);
            Assert.Equal(DnsRcode.NoError, outcome.Update!.Rcode);
            return outcome.Update;
        }

        public async ValueTask DisposeAsync()
        {
            Writer.Dispose();
            await Store.DisposeAsync();
        }
    }
}
