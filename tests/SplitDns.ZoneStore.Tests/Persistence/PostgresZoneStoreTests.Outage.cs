using Microsoft.Extensions.Logging.Abstractions;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Persistence;
using SplitDns.ZoneStore.Persistence.Postgres;
using static SplitDns.ZoneStore.Tests.TestRecords;

namespace SplitDns.ZoneStore.Tests.Persistence;

// The database going down and coming back (the cluster is stopped and restarted in place).
public sealed partial class PostgresZoneStoreTests
{
    private static readonly TimeSpan s_eventWait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Commit_WhileDatabaseDown_UnavailableAndNothingWritten_WorksAfterRestart()
    {
        PostgresZoneStore store = await OpenStoreAsync();
        await store.ReconcileFileAsync(Origin, Zone(), s_now, default);
        ZoneCommit change = Change(100, "a 300 A 192.0.2.1");

        await Cluster.StopAsync();
        ZoneStoreUnavailableException down;
        try
        {
            down = await Assert.ThrowsAsync<ZoneStoreUnavailableException>(() => store.CommitAsync(change, default));
            await Assert.ThrowsAsync<ZoneStoreUnavailableException>(() => store.LoadZoneAsync(Origin, default));
        }
        finally
        {
            await Cluster.StartAsync();
        }

        Assert.Contains($"127.0.0.1:{Cluster.Port}", down.Message, StringComparison.Ordinal);
        Assert.Equal(100u, await store.GetSerialAsync(Origin, default));
        Assert.Equal(0, await store.CountJournalAsync(Origin, default));
        Assert.Equal(CommitStatus.Committed, await store.CommitAsync(change, default));
        Assert.Single((await store.ReadJournalAsync(Origin, 100, default))!);
        Assert.Contains((await store.LoadZoneAsync(Origin, default))!.Records, r => r.Record.Name.ToString() == "a.example.com.");
    }

    [Fact]
    public async Task Commit_AfterRestartWithIdlePooledConnections_Succeeds()
    {
        // The pool still holds connections the restart killed; the first use must not fail for it.
        PostgresZoneStore store = await OpenStoreAsync();
        await store.ReconcileFileAsync(Origin, Zone(), s_now, default);

        await Cluster.StopAsync();
        await Cluster.StartAsync();

        Assert.Equal(CommitStatus.Committed, await store.CommitAsync(Change(100, "a 300 A 192.0.2.1"), default));
        Assert.Equal(101u, await store.GetSerialAsync(Origin, default));
    }

    [Fact]
    public async Task Initialize_DatabaseDown_Unavailable()
    {
        await Cluster.StopAsync();
        try
        {
            var ex = await Assert.ThrowsAsync<ZoneStoreUnavailableException>(() => NewStore().InitializeAsync(default));
            Assert.Contains($"127.0.0.1:{Cluster.Port}", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            await Cluster.StartAsync();
        }
    }

    [Fact]
    public async Task Listener_DatabaseStopsAndRestarts_DisconnectedThenConnectedAgain()
    {
        PostgresZoneStore store = await OpenStoreAsync();
        await store.ReconcileFileAsync(Origin, Zone(), s_now, default);
        await using IZoneChangeFeed feed = store.CreateChangeFeed(NullLogger.Instance);
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var disconnected = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var changes = new TaskCompletionSource<(ZoneKey, uint)>(TaskCreationOptions.RunContinuationsAsynchronously);
        feed.Connected += () =>
        {
            if (!connected.TrySetResult())
            {
                reconnected.TrySetResult();
            }
        };
        feed.Disconnected += ex => disconnected.TrySetResult(ex);
        feed.Changed += (zone, serial) => changes.TrySetResult((zone, serial));
        using var stop = new CancellationTokenSource();
        Task run = feed.RunAsync(stop.Token);
        await connected.Task.WaitAsync(s_eventWait);

        await Cluster.StopAsync();
        Exception lost = await disconnected.Task.WaitAsync(s_eventWait);
        Assert.False(feed.IsConnected);
        await Cluster.StartAsync();
        await reconnected.Task.WaitAsync(s_eventWait);

        Assert.True(feed.IsConnected);
        Assert.IsAssignableFrom<Npgsql.NpgsqlException>(lost);
        Assert.Equal(CommitStatus.Committed, await store.CommitAsync(Change(100, "a 300 A 192.0.2.1"), default));
        Assert.Equal((ZoneKey.Shared(Origin), 101u), await changes.Task.WaitAsync(s_eventWait));
        await stop.CancelAsync();
        await run.WaitAsync(s_eventWait);
        Assert.False(feed.IsConnected);
    }
}
