using System.Net;
using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Persistence;
using static SplitDns.ZoneStore.Tests.TestRecords;

namespace SplitDns.ZoneStore.Tests.Persistence;

// The journal: reading from a serial, counting, trimming.
public abstract partial class ZoneStoreContractTests
{
    [Fact]
    public async Task ReadJournal_FromOldSerial_ReturnsEachChangeInOrder()
    {
        await Store.ReconcileFileAsync(Origin, Zone(), s_now, default);
        await UpdateAndCommit("a 300 A 192.0.2.1");
        await UpdateAndCommit("b 300 A 192.0.2.2");
        await UpdateAndCommit("a 0 NONE A 192.0.2.1");

        IReadOnlyList<JournalEntry>? all = await Store.ReadJournalAsync(Origin, 100, default);
        IReadOnlyList<JournalEntry>? tail = await Store.ReadJournalAsync(Origin, 102, default);

        Assert.Equal([(100u, 101u), (101u, 102u), (102u, 103u)], all!.Select(e => (e.FromSerial, e.ToSerial)));
        Assert.Equal("k.", all![0].KeyName);
        Assert.Equal(RecordType.SOA, all[2].Deleted[0].Type);
        Assert.Equal("a.example.com.", all[2].Deleted[1].Name.ToString());
        Assert.Equal(RecordType.SOA, all[0].Added[0].Type);
        Assert.Single(tail!);
        Assert.Empty((await Store.ReadJournalAsync(Origin, 103, default))!);
        Assert.Null(await Store.ReadJournalAsync(Origin, 42, default));
        Assert.Equal(3, await Store.CountJournalAsync(Origin, default));
    }

    [Fact]
    public async Task TrimJournal_KeepsNewest_OlderSerialNoLongerReachable()
    {
        await Store.ReconcileFileAsync(Origin, Zone(), s_now, default);
        for (int i = 0; i < 5; i++)
        {
            await UpdateAndCommit($"h{i} 300 A 192.0.2.{i}");
        }

        Assert.Equal(3, await Store.TrimJournalAsync(Origin, 2, default));
        Assert.Equal(2, await Store.CountJournalAsync(Origin, default));
        Assert.Null(await Store.ReadJournalAsync(Origin, 100, default));
        Assert.Equal(2, (await Store.ReadJournalAsync(Origin, 103, default))!.Count);
        Assert.Equal(0, await Store.TrimJournalAsync(Origin, 2, default));
    }

    [Fact]
    public async Task Commit_TwoZonesTakingTurns_EachJournalTrimmedToItsLimit()
    {
        // The old trigger (store-wide row number crossing a multiple of 64) always landed on the
        // same zone when two alternate, so the other one's journal grew without bound.
        const int limit = 10;
        await ReopenAsync(limit);
        var origins = new[] { Origin, Protocol.Names.DnsName.Parse("example.net.") };
        var serials = new uint[origins.Length];
        for (int z = 0; z < origins.Length; z++)
        {
            await Store.ReconcileFileAsync(origins[z], ZoneAt(origins[z]), s_now, default);
            serials[z] = 100;
        }

        for (int i = 0; i < 100; i++)
        {
            int z = i % 2;
            ResourceRecord soaOld = Soa(origins[z], serials[z]);
            ResourceRecord soaNew = Soa(origins[z], serials[z] + 1);
            var added = new ResourceRecord(Protocol.Names.DnsName.Parse($"h{i}.{origins[z]}"), 300, new ARdata(IPAddress.Parse("192.0.2.1")));
            var change = new ZoneCommit(origins[z], serials[z], serials[z] + 1, [soaOld], [soaNew, added], RecordProvenance.Dynamic, "k.", "127.0.0.1", s_now);
            Assert.Equal(CommitStatus.Committed, await Store.CommitAsync(change, default));
            serials[z]++;
        }

        foreach (var origin in origins)
        {
            long rows = await Store.CountJournalAsync(origin, default);
            Assert.InRange(rows, limit, (2 * limit) - 1);
            Assert.NotNull(await Store.ReadJournalAsync(origin, serials[Array.IndexOf(origins, origin)] - limit, default));
        }
    }
}
