using SplitDns.Blocking.Tests.Fakes;

namespace SplitDns.Blocking.Tests;

/// <summary>URL lists from a Kestrel server on 127.0.0.1: download, failures keep the last copy, cache across restarts, 304, size cap, timeout.</summary>
public sealed partial class BlocklistCatalogTests
{
    [Fact]
    public async Task Download_ThenServerFails_OldListKeepsBlocking()
    {
        await using ListHttpServer server = await ListHttpServer.StartAsync();
        server.Body = "# remote\nremote.example\n";
        using BlocklistCatalog catalog = Catalog(timeout: TimeSpan.FromSeconds(1), lists: [List("remote", server.Url.ToString())]);

        RefreshOutcome first = Assert.Single(await catalog.RefreshAsync("remote", CancellationToken.None));
        server.Status = 500;
        RefreshOutcome error = Assert.Single(await catalog.RefreshAsync("remote", CancellationToken.None));
        server.Status = 200;
        server.Delay = TimeSpan.FromSeconds(5);
        RefreshOutcome timeout = Assert.Single(await catalog.RefreshAsync("remote", CancellationToken.None));

        Assert.Equal(RefreshResult.Updated, first.Result);
        Assert.Equal(RefreshResult.Failed, error.Result);
        Assert.Contains("500", error.Error);
        Assert.Equal(RefreshResult.Failed, timeout.Result);
        Assert.Contains("timed out", timeout.Error);
        Assert.True(Blocked(catalog, "sub.remote.example"));
        BlocklistState state = catalog.Lists[0];
        Assert.Contains("timed out", state.LastError);
        Assert.NotNull(state.LastAttempt);
        Assert.True(state.LastAttempt >= state.LastSuccess);
        Assert.Equal(1, state.Entries);
    }

    [Fact]
    public async Task Restart_WithServerGone_BlocksFromTheCacheAfterLoadLocal()
    {
        ListHttpServer server = await ListHttpServer.StartAsync();
        server.Body = "cached.example\n";
        BlocklistOptions list = List("remote", server.Url.ToString());
        using (BlocklistCatalog first = Catalog(lists: [list]))
        {
            Assert.Equal(RefreshResult.Updated, Assert.Single(await first.RefreshAsync(null, CancellationToken.None)).Result);
        }

        await server.DisposeAsync();
        using BlocklistCatalog second = Catalog(timeout: TimeSpan.FromSeconds(2), lists: [list]);
        await second.LoadLocalAsync(CancellationToken.None);

        Assert.True(Blocked(second, "cached.example"));
        Assert.True(second.Lists[0].FromCache);
        Assert.NotNull(second.Lists[0].LastSuccess);
        Assert.Equal(RefreshResult.Failed, Assert.Single(await second.RefreshAsync("remote", CancellationToken.None)).Result);
        Assert.True(Blocked(second, "cached.example"));
        Assert.True(File.Exists(_dir.Combine("cache/remote.list")));
        Assert.Empty(Directory.GetFiles(_dir.Combine("cache"), "*.tmp"));
    }

    [Fact]
    public async Task Download_SecondTimeWithETag_IsNotModified()
    {
        await using ListHttpServer server = await ListHttpServer.StartAsync();
        server.Body = "etag.example\n";
        using BlocklistCatalog catalog = Catalog(lists: [List("remote", server.Url.ToString())]);
        var swaps = 0;
        catalog.IndexSwapped += _ => swaps++;

        await catalog.RefreshAsync("remote", CancellationToken.None);
        RefreshOutcome second = Assert.Single(await catalog.RefreshAsync("remote", CancellationToken.None));

        Assert.Equal(RefreshResult.NotModified, second.Result);
        Assert.Equal(1, server.NotModifiedAnswers);
        Assert.StartsWith("\"", server.LastIfNoneMatch);
        Assert.Equal(1, swaps);
        Assert.True(Blocked(catalog, "etag.example"));
    }

    [Fact]
    public async Task Download_SameBodyWithoutValidators_IsNotModified_NewBodyIsUpdated()
    {
        await using ListHttpServer server = await ListHttpServer.StartAsync();
        server.SendETag = false;
        server.Body = "same.example\n";
        using BlocklistCatalog catalog = Catalog(lists: [List("remote", server.Url.ToString())]);

        await catalog.RefreshAsync("remote", CancellationToken.None);
        RefreshOutcome same = Assert.Single(await catalog.RefreshAsync("remote", CancellationToken.None));
        server.Body = "changed.example\n";
        RefreshOutcome changed = Assert.Single(await catalog.RefreshAsync("remote", CancellationToken.None));

        Assert.Equal(RefreshResult.NotModified, same.Result);
        Assert.Equal(RefreshResult.Updated, changed.Result);
        Assert.True(Blocked(catalog, "changed.example"));
        Assert.False(Blocked(catalog, "same.example"));
    }

    [Fact]
    public async Task Download_TooBig_ByContentLengthOrWhileStreaming_Fails()
    {
        await using ListHttpServer server = await ListHttpServer.StartAsync();
        server.Body = "small.example\n";
        server.SendETag = false; // else the unchanged body is a 304 before any length is looked at
        using BlocklistCatalog catalog = Catalog(maxBytes: 4096, lists: [List("remote", server.Url.ToString())]);
        await catalog.RefreshAsync("remote", CancellationToken.None);

        server.ClaimedLength = 10_000;
        RefreshOutcome declared = Assert.Single(await catalog.RefreshAsync("remote", CancellationToken.None));
        server.ClaimedLength = null;
        server.ChunkedBytes = 100_000;
        RefreshOutcome streamed = Assert.Single(await catalog.RefreshAsync("remote", CancellationToken.None));

        Assert.Equal(RefreshResult.Failed, declared.Result);
        Assert.Contains("Content-Length 10000 exceeds", declared.Error);
        Assert.Equal(RefreshResult.Failed, streamed.Result);
        Assert.Contains("larger than the limit of 4096 bytes", streamed.Error);
        Assert.True(Blocked(catalog, "small.example"));
        Assert.False(Blocked(catalog, "streamed.example"));
        Assert.Empty(Directory.GetFiles(_dir.Combine("cache"), "*.tmp"));
    }

    [Fact]
    public async Task Download_ConnectionRefused_FailsWithReason()
    {
        ListHttpServer server = await ListHttpServer.StartAsync();
        Uri url = server.Url;
        await server.DisposeAsync();
        using BlocklistCatalog catalog = Catalog(lists: [List("remote", url.ToString())]);

        RefreshOutcome outcome = Assert.Single(await catalog.RefreshAsync("remote", CancellationToken.None));

        Assert.Equal(RefreshResult.Failed, outcome.Result);
        Assert.False(string.IsNullOrEmpty(outcome.Error));
        Assert.Equal(0, catalog.Index.Count);
    }
}
