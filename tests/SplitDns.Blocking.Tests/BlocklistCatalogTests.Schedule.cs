using Microsoft.Extensions.Time.Testing;
using SplitDns.Blocking.Tests.Fakes;

namespace SplitDns.Blocking.Tests;

/// <summary>StartAsync on a fake clock: due downloads at start, refresh when the interval passes, changed files re-read, clean stop.</summary>
public sealed partial class BlocklistCatalogTests
{
    /// <summary>Moves the fake clock in steps until <paramref name="done"/> (bounded: 200 steps).</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider time, TimeSpan step, Func<bool> done)
    {
        for (int i = 0; i < 200 && !done(); i++)
        {
            time.Advance(step);
            await Task.Delay(20);
        }

        Assert.True(done(), "the schedule did not get there");
    }

    [Fact]
    public async Task StartAsync_DownloadsDueLists_RefreshesOnSchedule_RereadsChangedFiles_StopsCleanly()
    {
        await using ListHttpServer server = await ListHttpServer.StartAsync();
        server.Body = "scheduled.example\n";
        string path = _dir.File("local.txt", "local-old.example\n");
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var remote = new BlocklistOptions { Name = "remote", Source = server.Url.ToString(), RefreshInterval = TimeSpan.FromHours(6) };
        using BlocklistCatalog catalog = Catalog(time: time, lists: [remote, List("local", path)]);
        await catalog.LoadLocalAsync(CancellationToken.None);
        using var cts = new CancellationTokenSource();

        Task running = catalog.StartAsync(cts.Token);
        await AdvanceUntilAsync(time, TimeSpan.Zero, () => Blocked(catalog, "scheduled.example"));
        int afterStart = server.Requests;
        await AdvanceUntilAsync(time, TimeSpan.FromMinutes(30), () => server.Requests > afterStart);
        File.WriteAllText(path, "local-new.example\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1)); // a different stamp even on coarse file times
        await AdvanceUntilAsync(time, TimeSpan.FromMinutes(1), () => Blocked(catalog, "local-new.example"));
        await cts.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, afterStart);
        Assert.True(time.GetUtcNow() - DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture) >= TimeSpan.FromHours(6));
        Assert.Equal(1, server.NotModifiedAnswers);
        Assert.False(Blocked(catalog, "local-old.example"));
        Assert.True(running.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task StartAsync_FreshCache_DoesNotDownloadAtStart()
    {
        await using ListHttpServer server = await ListHttpServer.StartAsync();
        server.Body = "fresh.example\n";
        BlocklistOptions remote = List("remote", server.Url.ToString());
        using (BlocklistCatalog first = Catalog(lists: [remote]))
        {
            await first.RefreshAsync(null, CancellationToken.None);
        }

        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using BlocklistCatalog second = Catalog(time: time, lists: [remote]);
        await second.LoadLocalAsync(CancellationToken.None);
        using var cts = new CancellationTokenSource();
        Task running = second.StartAsync(cts.Token);
        for (int i = 0; i < 10; i++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(10);
        }

        await cts.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, server.Requests);
        Assert.True(Blocked(second, "fresh.example"));
    }
}
