using SplitDns.Protocol.Names;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Persistence;
using static SplitDns.ZoneStore.Tests.TestRecords;

namespace SplitDns.ZoneStore.Tests.Persistence;

// The journal newest first, a page at a time (history and rollback).
public abstract partial class ZoneStoreContractTests
{
    [Fact]
    public async Task ReadJournalNewestFirst_Pages_NewestFirstThenOlder()
    {
        await Store.ReconcileFileAsync(Origin, Zone(), s_now, default);
        await UpdateAndCommit("a 300 A 192.0.2.1");
        await UpdateAndCommit("b 300 A 192.0.2.2");
        await UpdateAndCommit("c 300 A 192.0.2.3");

        IReadOnlyList<JournalEntry> first = await Store.ReadJournalNewestFirstAsync(Origin, null, 2, default);
        IReadOnlyList<JournalEntry> second = await Store.ReadJournalNewestFirstAsync(Origin, first[^1].Sequence, 2, default);

        Assert.Equal([(102u, 103u), (101u, 102u)], first.Select(e => (e.FromSerial, e.ToSerial)));
        Assert.Equal((100u, 101u), (second[0].FromSerial, second[0].ToSerial));
        Assert.Equal("k.", first[0].KeyName);
        Assert.Equal(RecordProvenance.Dynamic, first[0].Provenance);
        Assert.Empty(await Store.ReadJournalNewestFirstAsync(ZoneKey.Shared(DnsName.Parse("example.org.")), null, 10, default));
    }
}
