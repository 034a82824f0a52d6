using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Persistence;
using SplitDns.ZoneStore.Persistence.Postgres;
using static SplitDns.ZoneStore.Tests.TestRecords;

namespace SplitDns.ZoneStore.Tests.Persistence;

// Replicas sharing one database: compare-and-set and reconciliation under contention.
public sealed partial class PostgresZoneStoreTests
{
    private static ZoneCommit Change(uint from, string added)
    {
        string soa(uint serial) => $"@ 3600 SOA ns1 hostmaster {serial} 7200 900 1209600 300";
        return new ZoneCommit(Origin, from, from + 1, [Rr(soa(from))], [Rr(soa(from + 1)), Rr(added)],
            RecordProvenance.Dynamic, "k.", "127.0.0.1", s_now);
    }

    [Fact]
    public async Task Commit_TwoInstancesRaceForEachSerial_ExactlyOneWinsEachRound()
    {
        PostgresZoneStore a = await OpenStoreAsync();
        PostgresZoneStore b = await OpenStoreAsync();
        await a.ReconcileFileAsync(Origin, Zone(), s_now, default);
        const int rounds = 20;
        var winners = new List<string>();

        for (int i = 0; i < rounds; i++)
        {
            uint serial = (await b.GetSerialAsync(Origin, default))!.Value;
            CommitStatus[] results = await Task.WhenAll(
                Task.Run(() => a.CommitAsync(Change(serial, $"a{i} 300 A 192.0.2.1"), default)),
                Task.Run(() => b.CommitAsync(Change(serial, $"b{i} 300 A 192.0.2.2"), default)));

            Assert.Equal([CommitStatus.Committed, CommitStatus.Conflict], results.Order());
            winners.Add(results[0] == CommitStatus.Committed ? $"a{i}" : $"b{i}");
        }

        StoredZone zone = (await a.LoadZoneAsync(Origin, default))!;
        Assert.Equal(100u + rounds, zone.Serial);
        List<string> owners = zone.Records.Where(r => r.Provenance == RecordProvenance.Dynamic && r.Record.Type == RecordType.A)
            .Select(r => r.Record.Name.ToString().Split('.')[0]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(winners.Order(StringComparer.Ordinal), owners);
        IReadOnlyList<JournalEntry> journal = (await b.ReadJournalAsync(Origin, 100, default))!;
        Assert.Equal(Enumerable.Range(0, rounds).Select(i => (100u + (uint)i, 101u + (uint)i)), journal.Select(e => (e.FromSerial, e.ToSerial)));
        Assert.Equal(rounds, await a.CountJournalAsync(Origin, default));
    }

    [Fact]
    public async Task Reconcile_ThreeInstancesSameFileAtOnce_OneCreatesOthersUnchanged()
    {
        PostgresZoneStore[] stores = [await OpenStoreAsync(), await OpenStoreAsync(), await OpenStoreAsync()];

        ReconcileResult[] created = await Task.WhenAll(stores.Select(s =>
            Task.Run(() => s.ReconcileFileAsync(Origin, Zone("a 300 A 192.0.2.1"), s_now, default))));

        Assert.Equal([ReconcileStatus.Created, ReconcileStatus.Unchanged, ReconcileStatus.Unchanged], created.Select(r => r.Status).Order());
        Assert.Equal(1L, await ScalarAsync<long>("SELECT COUNT(*) FROM zones;"));
        Assert.Equal(6L, await ScalarAsync<long>("SELECT COUNT(*) FROM records;"));

        ReconcileResult[] updated = await Task.WhenAll(stores.Select(s =>
            Task.Run(() => s.ReconcileFileAsync(Origin, Zone("b 300 A 192.0.2.2"), s_now, default))));

        Assert.Equal([ReconcileStatus.Unchanged, ReconcileStatus.Unchanged, ReconcileStatus.Updated], updated.Select(r => r.Status).Order());
        Assert.All(updated, r => Assert.Equal(101u, r.Serial));
        Assert.Equal(1, await stores[0].CountJournalAsync(Origin, default));
        Assert.Equal(101u, await stores[2].GetSerialAsync(Origin, default));
    }
}
