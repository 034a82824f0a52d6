using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Persistence;
using SplitDns.ZoneStore.Persistence.Postgres;
using static SplitDns.ZoneStore.Tests.TestRecords;

namespace SplitDns.ZoneStore.Tests.Persistence;

// Write sessions: the zone's row lock held in the commit's own transaction.
public sealed partial class PostgresZoneStoreTests
{
    [Fact]
    public async Task WriteSession_SecondWriterWaitsForFirstCommit_ThenReadsItsSerialAndRow()
    {
        PostgresZoneStore a = await OpenStoreAsync();
        PostgresZoneStore b = await OpenStoreAsync();
        await a.ReconcileFileAsync(Origin, Zone(), s_now, default);

        IZoneWriteSession first = (await a.BeginZoneWriteAsync(Origin, default))!;
        Task<IZoneWriteSession?> second = b.BeginZoneWriteAsync(Origin, default);
        await Task.Delay(300);
        Assert.False(second.IsCompleted);

        Assert.Equal(1L, await first.CommitAsync([Change(100, "a 300 A 192.0.2.1")], default));
        await first.DisposeAsync();
        await using IZoneWriteSession next = (await second.WaitAsync(TimeSpan.FromSeconds(10)))!;

        Assert.Equal(101u, next.Serial);
        JournalEntry row = Assert.Single((await next.ReadJournalAsync(100, default))!);
        Assert.Equal((100u, 101u), (row.FromSerial, row.ToSerial));
        Assert.Empty((await next.ReadJournalAsync(101, default))!);
        Assert.Equal(2L, await next.CommitAsync([Change(101, "b 300 A 192.0.2.2")], default));
        Assert.Equal(102u, await a.GetSerialAsync(Origin, default));
    }

    [Fact]
    public async Task WriteSession_DisposedWithoutCommit_WritesNothingAndReleasesTheLock()
    {
        PostgresZoneStore store = await OpenStoreAsync();
        await store.ReconcileFileAsync(Origin, Zone(), s_now, default);

        await using (IZoneWriteSession abandoned = (await store.BeginZoneWriteAsync(Origin, default))!)
        {
            Assert.Equal(100u, abandoned.Serial);
        }

        Assert.Equal(CommitStatus.Committed, await store.CommitAsync(Change(100, "a 300 A 192.0.2.1"), default).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, await store.CountJournalAsync(Origin, default));
    }

    [Fact]
    public async Task WriteSession_ChangeNotStartingAtTheLockedSerial_IsAConflictAndWritesNothing()
    {
        PostgresZoneStore store = await OpenStoreAsync();
        await store.ReconcileFileAsync(Origin, Zone(), s_now, default);

        await using (IZoneWriteSession session = (await store.BeginZoneWriteAsync(Origin, default))!)
        {
            Assert.Null(await session.CommitAsync([Change(99, "a 300 A 192.0.2.1")], default));
            Assert.Null(await session.CommitAsync([Change(100, "a 300 A 192.0.2.1"), Change(102, "b 300 A 192.0.2.2")], default));
        }

        Assert.Equal(100u, await store.GetSerialAsync(Origin, default));
        Assert.Equal(0, await store.CountJournalAsync(Origin, default));
    }

    [Fact]
    public async Task WriteSession_ZoneNotInTheStore_IsNull()
    {
        PostgresZoneStore store = await OpenStoreAsync();

        Assert.Null(await store.BeginZoneWriteAsync(new ZoneKey("tailscale", Origin), default));
        Assert.Null(await store.BeginZoneWriteAsync(Origin, default));
    }
}
