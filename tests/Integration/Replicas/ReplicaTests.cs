using System.Collections.Concurrent;
using System.Net;
using SplitDns.Integration.Tests.Updates;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Replicas;

/// <summary>
/// Three replicas on one PostgreSQL database (a throwaway cluster from Debian's postgresql on a
/// loopback port): every replica accepts updates, every replica sees every change, and the
/// failures the reference topology must survive (a node killed, the database away) lose no
/// acknowledged update and leave the replicas serving identical zones.
/// </summary>
public sealed class ReplicaTests
{
    [Fact]
    public async Task UpdateThroughEachReplica_VisibleOnAll_AndAxfrIdentical()
    {
        await using PostgresCluster pg = await PostgresCluster.CreateAsync();
        await using ReplicaSet set = await ReplicaSet.StartAsync(await pg.CreateDatabaseAsync("visible"));

        for (int i = 0; i < 3; i++)
        {
            ToolResult r = await set[i].NsupdateAsync($"update add via{i}.example.com. 60 A 192.0.2.{10 + i}");
            Assert.True(r.ExitCode == 0, r.ToString());

            // Read-your-writes on the replica that acknowledged: no wait at all.
            Assert.Equal(["192.0.2." + (10 + i)], await set[i].ShortAsync($"via{i}.example.com.", "A"));
            await set.WaitForAllAsync($"via{i}.example.com.", "192.0.2." + (10 + i));
        }

        await set.WaitForConvergenceAsync();
        Assert.Equal(103u, await set[2].SerialAsync());
    }

    [Fact]
    public async Task ConflictingConcurrentUpdates_ThroughTwoReplicas_ExactlyOneWinsEachName()
    {
        await using PostgresCluster pg = await PostgresCluster.CreateAsync();
        await using ReplicaSet set = await ReplicaSet.StartAsync(await pg.CreateDatabaseAsync("conflict"), count: 2);
        const int Names = 20;

        for (int n = 0; n < Names; n++)
        {
            // Both claim the same name with "must not exist": as on one server, the first to
            // commit wins and the other's prerequisite fails with YXDOMAIN (RFC 2136 §3.2.5).
            string name = $"claim{n}.example.com.";
            DnsMessage[] answers = await Task.WhenAll(
                ReplicaSet.UpdateAsync(set[0], name, "192.0.2.1", mustNotExist: true),
                ReplicaSet.UpdateAsync(set[1], name, "192.0.2.2", mustNotExist: true));
            DnsRcode[] rcodes = [.. answers.Select(a => a.Rcode).Order()];
            Assert.Equal([DnsRcode.NoError, DnsRcode.YxDomain], rcodes);
            string winner = answers[0].Rcode == DnsRcode.NoError ? "192.0.2.1" : "192.0.2.2";
            await set.WaitForAllAsync(name, winner);
        }

        // Non-conflicting concurrent updates both succeed, one serial each.
        uint before = await set[0].SerialAsync();
        DnsMessage[] both = await Task.WhenAll(
            ReplicaSet.UpdateAsync(set[0], "left.example.com.", "192.0.2.3"),
            ReplicaSet.UpdateAsync(set[1], "right.example.com.", "192.0.2.4"));
        Assert.All(both, a => Assert.Equal(DnsRcode.NoError, a.Rcode));
        await set.WaitForAllAsync("left.example.com.", "192.0.2.3");
        await set.WaitForAllAsync("right.example.com.", "192.0.2.4");
        Assert.Equal(before + 2, await set[1].SerialAsync());
        Assert.Equal(100u + Names + 2, before + 2);
        await set.WaitForConvergenceAsync();
    }

    [Fact]
    public async Task SigkillOneReplica_DuringSignedUpdatesAndQueries_OthersAnswerAndNoAcknowledgedUpdateIsLost()
    {
        await using PostgresCluster pg = await PostgresCluster.CreateAsync();
        await using ReplicaSet set = await ReplicaSet.StartAsync(await pg.CreateDatabaseAsync("sigkill"));
        var acked = new ConcurrentQueue<string>();
        int queryFailures = 0;
        int queries = 0;
        using var stop = new CancellationTokenSource();

        // Writers on every replica (the one to be killed too), queries on the two that stay.
        Task writers = Task.WhenAll(Enumerable.Range(0, 3).Select(i => WriteAsync(set[i], $"w{i}", acked, stop.Token)));
        Task readers = Task.WhenAll(Enumerable.Range(1, 2).Select(i => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref queries);
                if ((await set[i].ShortAsync("www.example.com.", "A")).SingleOrDefault() != "192.0.2.80")
                {
                    Interlocked.Increment(ref queryFailures);
                }
            }
        })));

        await WaitUntilAsync(() => acked.Count >= 30, "30 acknowledged updates");
        await set[0].KillAsync();
        int atKill = acked.Count;
        await WaitUntilAsync(() => acked.Count >= atKill + 30, "30 more acknowledged updates after the kill");
        await stop.CancelAsync();
        await writers;
        await readers;

        Assert.Equal(0, queryFailures);
        Assert.True(queries > 0);
        List<string> b = await ReplicaSet.AxfrAsync(set[1]);
        HashSet<string> names = [.. b.Select(l => l.Split('\t', ' ')[0])];
        Assert.All(acked, n => Assert.Contains(n, names));

        // The killed replica comes back and catches up to the same zone.
        await set[0].StartAsync();
        await set.WaitForConvergenceAsync();
    }

    [Fact]
    public async Task DatabaseStoppedFor10Seconds_QueriesAnswered_UpdatesFailCleanly_ThenSucceed()
    {
        await using PostgresCluster pg = await PostgresCluster.CreateAsync();
        await using ReplicaSet set = await ReplicaSet.StartAsync(await pg.CreateDatabaseAsync("outage"), count: 2);
        Assert.Equal(DnsRcode.NoError, (await ReplicaSet.UpdateAsync(set[0], "before.example.com.", "192.0.2.5")).Rcode);
        await set.WaitForAllAsync("before.example.com.", "192.0.2.5");

        await pg.StopAsync();
        var down = DateTime.UtcNow;
        int servfails = 0;
        while (DateTime.UtcNow - down < TimeSpan.FromSeconds(10))
        {
            foreach (SplitDnsProcess r in set.Replicas)
            {
                Assert.Equal(["192.0.2.5"], await r.ShortAsync("before.example.com.", "A"));
                Assert.Equal(HttpStatusCode.OK, (await ReplicaSet.GetAsync(r, "/readyz")).Status);
            }

            DnsMessage failed = await ReplicaSet.UpdateAsync(set[1], $"during{servfails}.example.com.", "192.0.2.6");
            Assert.Equal(DnsRcode.ServFail, failed.Rcode);
            Assert.Contains(failed.Edns!.GetExtendedErrors(), e => e.Code == ExtendedDnsErrorCode.NetworkError && e.Text!.Contains("store unreachable", StringComparison.Ordinal));
            servfails++;
            await Task.Delay(500);
        }

        foreach (SplitDnsProcess r in set.Replicas)
        {
            (HttpStatusCode status, string body) = await ReplicaSet.GetAsync(r, "/readyz?store");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.StartsWith("store not ready", body, StringComparison.Ordinal);
        }

        await pg.StartAsync();
        DnsRcode after = DnsRcode.ServFail;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (after != DnsRcode.NoError && DateTime.UtcNow < deadline)
        {
            after = (await ReplicaSet.UpdateAsync(set[1], "after.example.com.", "192.0.2.7")).Rcode;
            if (after != DnsRcode.NoError)
            {
                await Task.Delay(200);
            }
        }

        Assert.Equal(DnsRcode.NoError, after);
        await set.WaitForAllAsync("after.example.com.", "192.0.2.7");
        for (int i = 0; i < servfails; i++)
        {
            // A refused update left no trace anywhere.
            Assert.Empty(await set[0].ShortAsync($"during{i}.example.com.", "A"));
        }

        await WaitUntilAsync(async () => (await ReplicaSet.GetAsync(set[0], "/readyz?store")).Status == HttpStatusCode.OK, "/readyz?store back to 200");
        await set.WaitForConvergenceAsync();
        Assert.Equal(102u, await set[0].SerialAsync());
    }

    [Fact]
    public async Task ReplicaStartingWhileTheDatabaseIsDown_ServesItsSnapshotCache_ThenCatchesUp()
    {
        await using PostgresCluster pg = await PostgresCluster.CreateAsync();
        await using ReplicaSet set = await ReplicaSet.StartAsync(await pg.CreateDatabaseAsync("cache"), count: 2);
        Assert.Equal(DnsRcode.NoError, (await ReplicaSet.UpdateAsync(set[0], "cached.example.com.", "192.0.2.8")).Rcode);
        await set.WaitForAllAsync("cached.example.com.", "192.0.2.8");

        // The cache is written about once a second after a change; give it time, then crash.
        await WaitUntilAsync(() => Task.FromResult(File.Exists(Path.Combine(set[1].Directory, "data", "snapshot-cache", "shared", "example.com.zone"))
            && File.ReadAllText(Path.Combine(set[1].Directory, "data", "snapshot-cache", "shared", "example.com.zone")).Contains("cached.example.com.", StringComparison.Ordinal)),
            "the snapshot cache to hold the update");
        await set[1].KillAsync();
        await pg.StopAsync();

        await set[1].StartAsync();
        Assert.Equal(["192.0.2.8"], await set[1].ShortAsync("cached.example.com.", "A"));
        Assert.Equal(HttpStatusCode.OK, (await ReplicaSet.GetAsync(set[1], "/readyz")).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await ReplicaSet.GetAsync(set[1], "/readyz?store")).Status);
        Assert.Contains("snapshot cache", set[1].Log, StringComparison.Ordinal);

        await pg.StartAsync();
        DnsRcode rcode = DnsRcode.ServFail;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (rcode != DnsRcode.NoError && DateTime.UtcNow < deadline)
        {
            rcode = (await ReplicaSet.UpdateAsync(set[0], "later.example.com.", "192.0.2.9")).Rcode;
            await Task.Delay(rcode == DnsRcode.NoError ? 0 : 200);
        }

        Assert.Equal(DnsRcode.NoError, rcode);
        await set.WaitForAllAsync("later.example.com.", "192.0.2.9");
        await set.WaitForConvergenceAsync();
    }

    private static async Task WriteAsync(SplitDnsProcess replica, string tag, ConcurrentQueue<string> acked, CancellationToken ct)
    {
        for (int i = 0; i < 10_000 && !ct.IsCancellationRequested; i++)
        {
            string name = $"{tag}-{i}.example.com.";
            try
            {
                if ((await ReplicaSet.UpdateAsync(replica, name, "192.0.2.77")).Rcode != DnsRcode.NoError)
                {
                    return;
                }

                acked.Enqueue(name);
            }
            catch (Exception ex) when (ReplicaSet.IsConnectionError(ex))
            {
                return;
            }
        }
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"timed out after 30 s waiting for {what}");
    }
}
