using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Persistence;
using static SplitDns.ZoneStore.Tests.TestRecords;

namespace SplitDns.ZoneStore.Tests.Persistence;

// Zone-file reconciliation and views.
public abstract partial class ZoneStoreContractTests
{
    [Fact]
    public async Task ReconcileFile_NewZone_CreatedWithFileRecords()
    {
        ReconcileResult r = await Store.ReconcileFileAsync(Origin, Zone(), s_now, default);

        Assert.Equal(ReconcileStatus.Created, r.Status);
        Assert.Equal(100u, r.Serial);
        Assert.Equal([Origin], await Store.ListZonesAsync(default));
        List<string> lines = await Records();
        Assert.Equal(5, lines.Count);
        Assert.All(lines, line => Assert.EndsWith(";File", line, StringComparison.Ordinal));
        Assert.Equal(0, await Store.CountJournalAsync(Origin, default));
    }

    [Fact]
    public async Task ReconcileFile_ChangedFile_ReplacesFileRecordsKeepsDynamicAndApi()
    {
        await Store.ReconcileFileAsync(Origin, Zone("old 300 A 192.0.2.1", "keep 300 A 192.0.2.2"), s_now, default);
        await UpdateAndCommit("dyn 300 A 192.0.2.3");
        Assert.Equal(CommitStatus.Committed, await Store.CommitAsync(
            Change(101, 102, [], [Rr("api 300 A 192.0.2.5")], RecordProvenance.Api), default));

        ReconcileResult r = await Store.ReconcileFileAsync(Origin, Zone("keep 300 A 192.0.2.2", "new 300 A 192.0.2.4"), s_now, default);

        Assert.Equal(ReconcileStatus.Updated, r.Status);
        Assert.Equal((103u, 1, 1), (r.Serial, r.Deleted, r.Added));
        List<string> lines = await Records();
        Assert.Contains("dyn.example.com.\t300\tIN\tA\t192.0.2.3 ;Dynamic", lines);
        Assert.Contains("api.example.com.\t300\tIN\tA\t192.0.2.5 ;Api", lines);
        Assert.Contains("new.example.com.\t300\tIN\tA\t192.0.2.4 ;File", lines);
        Assert.Contains("keep.example.com.\t300\tIN\tA\t192.0.2.2 ;File", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("old.example.com.", StringComparison.Ordinal));
        JournalEntry last = (await Store.ReadJournalAsync(Origin, 102, default))!.Single();
        Assert.Equal((RecordProvenance.File, "zone-file", 103u), (last.Provenance, last.Client, last.ToSerial));
    }

    [Fact]
    public async Task ReconcileFile_SameFile_Unchanged()
    {
        await Store.ReconcileFileAsync(Origin, Zone("a 300 A 192.0.2.1"), s_now, default);

        ReconcileResult r = await Store.ReconcileFileAsync(Origin, Zone("a 300 A 192.0.2.1"), s_now, default);

        Assert.Equal(ReconcileStatus.Unchanged, r.Status);
        Assert.Equal(100u, r.Serial);
        Assert.Equal(0, await Store.CountJournalAsync(Origin, default));
    }

    [Fact]
    public async Task ReconcileFile_FileSerialNewer_Adopted()
    {
        await Store.ReconcileFileAsync(Origin, Zone(), s_now, default);
        List<ResourceRecord> file = Zone("a 300 A 192.0.2.1");
        file[0] = Rr("@ 3600 SOA ns1 hostmaster 2026010100 7200 900 1209600 300");

        ReconcileResult r = await Store.ReconcileFileAsync(Origin, file, s_now, default);

        Assert.Equal(2026010100u, r.Serial);
        Assert.Equal(2026010100u, await Store.GetSerialAsync(Origin, default));
    }

    [Fact]
    public async Task Reconcile_SameOriginTwoViews_KeptApart()
    {
        var tailscale = new ZoneKey("tailscale", Origin);

        await Store.ReconcileFileAsync(Origin, Zone("www 60 A 192.0.2.10"), s_now, default);
        await Store.ReconcileFileAsync(tailscale, Zone("www 60 A 100.64.0.10"), s_now, default);
        var change = new ZoneCommit(tailscale, 100, 101, [Rr("@ 3600 SOA ns1 hostmaster 100 7200 900 1209600 300")],
            [Rr("@ 3600 SOA ns1 hostmaster 101 7200 900 1209600 300"), Rr("app 60 A 100.64.0.11")], RecordProvenance.Dynamic, "k.", "127.0.0.1", s_now);
        Assert.Equal(CommitStatus.Committed, await Store.CommitAsync(change, default));

        StoredZone shared = (await Store.LoadZoneAsync(Origin, default))!;
        StoredZone own = (await Store.LoadZoneAsync(tailscale, default))!;
        Assert.Equal(100u, shared.Serial);
        Assert.Equal(101u, own.Serial);
        Assert.Contains(shared.Records, r => r.Record.ToString().Contains("192.0.2.10", StringComparison.Ordinal));
        Assert.DoesNotContain(shared.Records, r => r.Record.ToString().Contains("100.64.0", StringComparison.Ordinal));
        Assert.Contains(own.Records, r => r.Record.ToString().Contains("100.64.0.11", StringComparison.Ordinal));
        Assert.Equal(tailscale, own.Key);
        Assert.Null(await Store.ReadJournalAsync(Origin, 99, default));
        Assert.Single((await Store.ReadJournalAsync(tailscale, 100, default))!);
        Assert.Equal(0, await Store.CountJournalAsync(Origin, default));
        Assert.Equal([ZoneKey.Shared(Origin), tailscale], await Store.ListZonesAsync(default));
    }

    [Fact]
    public async Task ListZones_SeveralZones_OrderedByViewThenOrigin()
    {
        Protocol.Names.DnsName net = Protocol.Names.DnsName.Parse("example.net.");
        await Store.ReconcileFileAsync(new ZoneKey("b", Origin), Zone(), s_now, default);
        await Store.ReconcileFileAsync(net, ZoneAt(net), s_now, default);
        await Store.ReconcileFileAsync(Origin, Zone(), s_now, default);
        await Store.ReconcileFileAsync(new ZoneKey("a", Origin), Zone(), s_now, default);

        Assert.Equal([ZoneKey.Shared(Origin), ZoneKey.Shared(net), new ZoneKey("a", Origin), new ZoneKey("b", Origin)],
            await Store.ListZonesAsync(default));
    }

    protected static ResourceRecord Soa(Protocol.Names.DnsName origin, uint serial) =>
        new(origin, 3600, new SoaRdata(Protocol.Names.DnsName.Parse("ns1." + origin), Protocol.Names.DnsName.Parse("hostmaster." + origin), serial, 7200, 900, 1209600, 300));

    protected static List<ResourceRecord> ZoneAt(Protocol.Names.DnsName origin) =>
        [Soa(origin, 100), new ResourceRecord(origin, 3600, new NsRdata(Protocol.Names.DnsName.Parse("ns1." + origin)))];
}
