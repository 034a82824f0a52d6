using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Persistence;
using static SplitDns.ZoneStore.Tests.TestRecords;

namespace SplitDns.ZoneStore.Tests.Persistence;

// Zones created and deleted whole (the HTTP API's runtime zones).
public abstract partial class ZoneStoreContractTests
{
    private static ZoneCommit Creation(ZoneKey? zone = null) => new(zone ?? Origin, 0, 1, [],
        [Rr("@ 3600 SOA ns1 hostmaster 1 7200 900 1209600 300"), Rr("@ 3600 NS ns1")],
        RecordProvenance.Api, null, "api:admin", s_now);

    [Fact]
    public async Task CreateZone_NewZone_RecordsSerialAndFirstJournalRowStored()
    {
        Assert.True(await Store.CreateZoneAsync(Creation(), default));

        await ReopenAsync();
        StoredZone zone = (await Store.LoadZoneAsync(Origin, default))!;
        Assert.Equal(1u, zone.Serial);
        Assert.Equal(
            ["example.com. 3600 IN NS ns1.example.com. ;Api", "example.com. 3600 IN SOA ns1.example.com. hostmaster.example.com. 1 7200 900 1209600 300 ;Api"],
            (await Records()).Select(l => l.Replace('\t', ' ')));
        JournalEntry row = Assert.Single((await Store.ReadJournalAsync(Origin, 0, default))!);
        Assert.Equal((0u, 1u, RecordProvenance.Api, "api:admin"), (row.FromSerial, row.ToSerial, row.Provenance, row.Client));
        Assert.Empty(row.Deleted);
        Assert.Equal(RecordType.SOA, row.Added[0].Type);
        Assert.Equal([ZoneKey.Shared(Origin)], await Store.ListZonesAsync(default));
    }

    [Fact]
    public async Task CreateZone_Exists_FalseAndNothingChanged()
    {
        await Store.ReconcileFileAsync(Origin, Zone(), s_now, default);
        List<string> before = await Records();

        Assert.False(await Store.CreateZoneAsync(Creation(), default));

        Assert.Equal(before, await Records());
        Assert.Equal(100u, await Store.GetSerialAsync(Origin, default));
        Assert.Equal(0, await Store.CountJournalAsync(Origin, default));
    }

    [Fact]
    public async Task CreateZone_ThenCommit_ChangesChainFromTheCreation()
    {
        await Store.CreateZoneAsync(Creation(), default);

        Assert.Equal(CommitStatus.Committed, await Store.CommitAsync(Change(1, 2, [], [Rr("a 300 A 192.0.2.1")]), default));

        Assert.Equal([(0u, 1u), (1u, 2u)], (await Store.ReadJournalAsync(Origin, 0, default))!.Select(e => (e.FromSerial, e.ToSerial)));
    }

    [Fact]
    public async Task DeleteZone_Existing_RecordsAndJournalGoOtherInstanceStays()
    {
        var view = new ZoneKey("tailscale", Origin);
        await Store.CreateZoneAsync(Creation(), default);
        await Store.CreateZoneAsync(Creation(view), default);
        await Store.CommitAsync(Change(1, 2, [], [Rr("a 300 A 192.0.2.1")]), default);

        Assert.True(await Store.DeleteZoneAsync(Origin, default));

        await ReopenAsync();
        Assert.Null(await Store.LoadZoneAsync(Origin, default));
        Assert.Equal(0, await Store.CountJournalAsync(Origin, default));
        Assert.Equal([view], await Store.ListZonesAsync(default));
        Assert.Equal(1u, await Store.GetSerialAsync(view, default));
        Assert.Equal(1, await Store.CountJournalAsync(view, default));

        // The origin can be created again, from scratch.
        Assert.True(await Store.CreateZoneAsync(Creation(), default));
        Assert.Single((await Store.ReadJournalAsync(Origin, 0, default))!);
    }

    [Fact]
    public async Task DeleteZone_Unknown_False()
    {
        Assert.False(await Store.DeleteZoneAsync(Origin, default));
    }
}
