using Microsoft.Extensions.Logging.Abstractions;
using SplitDns.Blocking.Tests.Fakes;

namespace SplitDns.Blocking.Tests;

/// <summary>The catalog with real files in a temporary folder: loading, states, refresh by name, swaps.</summary>
public sealed partial class BlocklistCatalogTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public void Dispose()
    {
        _http.Dispose();
        _dir.Dispose();
    }

    private BlocklistCatalog Catalog(TimeProvider? time = null, TimeSpan? timeout = null, long maxBytes = 1024 * 1024, params BlocklistOptions[] lists) =>
        new(new BlockingOptions
        {
            CacheDirectory = _dir.Combine("cache"),
            DownloadTimeout = timeout ?? TimeSpan.FromSeconds(10),
            MaxDownloadBytes = maxBytes,
            Lists = lists,
        }, _http, NullLogger.Instance, time ?? TimeProvider.System);

    private static BlocklistOptions List(string name, string source, BlocklistFormat format = BlocklistFormat.Auto) =>
        new() { Name = name, Source = source, Format = format };

    private static bool Blocked(BlocklistCatalog catalog, string name, uint mask = uint.MaxValue) =>
        catalog.Index.Match(Wire.Name(name), mask, 0).IsBlocked;

    [Fact]
    public async Task LoadLocalAsync_FileLists_OneIndexWithEachListsBit()
    {
        string hosts = _dir.File("ads.hosts", "# hosts\n127.0.0.1 localhost\n0.0.0.0 ads.example\n0.0.0.0 shared.example\nthis line is not a hosts line!\n");
        string rules = _dir.File("rules.txt", "! rules\n||rules.example^\n||shared.example^\n");
        using BlocklistCatalog catalog = Catalog(lists: [List("ads", hosts), List("rules", rules, BlocklistFormat.AdBlock)]);

        await catalog.LoadLocalAsync(CancellationToken.None);

        Assert.Equal(3, catalog.Index.Count);
        Assert.Equal(0, catalog.Index.Match(Wire.Name("x.ads.example"), 0b11, 0).ListIndex);
        Assert.Equal(1, catalog.Index.Match(Wire.Name("rules.example"), 0b11, 0).ListIndex);
        Assert.True(Blocked(catalog, "shared.example", 0b10));
        BlocklistState ads = catalog.Lists[0];
        Assert.Equal(("ads", hosts, 2, 1), (ads.Name, ads.Source, ads.Entries, ads.InvalidLines));
        Assert.Equal(5, Assert.Single(ads.Problems).Line);
        Assert.NotNull(ads.LastSuccess);
        Assert.Null(ads.LastError);
        Assert.False(ads.FromCache);
        Assert.Equal(2, catalog.Lists[1].Entries);
    }

    [Fact]
    public async Task LoadLocalAsync_MissingFile_RecordsErrorWithoutThrowing()
    {
        string good = _dir.File("good.txt", "good.example\n");
        using BlocklistCatalog catalog = Catalog(lists: [List("missing", _dir.Combine("nope.txt")), List("good", good)]);

        await catalog.LoadLocalAsync(CancellationToken.None);

        Assert.Contains("not found", catalog.Lists[0].LastError);
        Assert.Equal(0, catalog.Lists[0].Entries);
        Assert.True(Blocked(catalog, "good.example"));
    }

    [Fact]
    public void IndexOf_IsCaseInsensitive_UnknownIsMinusOne()
    {
        using BlocklistCatalog catalog = Catalog(lists: [List("Ads", "a.txt"), List("rules", "b.txt")]);

        Assert.Equal(0, catalog.IndexOf("ads"));
        Assert.Equal(1, catalog.IndexOf("RULES"));
        Assert.Equal(-1, catalog.IndexOf("other"));
    }

    [Fact]
    public void Ctor_TooManyLists_Throws()
    {
        BlocklistOptions[] lists = [.. Enumerable.Range(0, BlockingIndex.MaxLists + 1).Select(i => List("l" + i, "f" + i))];

        Assert.Throws<ArgumentException>(() => Catalog(lists: lists));
    }

    [Fact]
    public async Task RefreshAsync_ChangedFile_SwapsIndexAndRaisesEvent_UnchangedIsNotModified()
    {
        string path = _dir.File("list.txt", "old.example\n");
        string other = _dir.File("other.txt", "other.example\n");
        using BlocklistCatalog catalog = Catalog(lists: [List("list", path), List("other", other)]);
        await catalog.LoadLocalAsync(CancellationToken.None);
        var swapped = new List<BlockingIndex>();
        catalog.IndexSwapped += swapped.Add;

        File.WriteAllText(path, "new.example\n");
        RefreshOutcome changed = Assert.Single(await catalog.RefreshAsync("LIST", CancellationToken.None));
        RefreshOutcome same = Assert.Single(await catalog.RefreshAsync("list", CancellationToken.None));

        Assert.Equal(new RefreshOutcome("list", RefreshResult.Updated, null), changed);
        Assert.Equal(RefreshResult.NotModified, same.Result);
        Assert.Same(catalog.Index, Assert.Single(swapped));
        Assert.True(Blocked(catalog, "new.example"));
        Assert.False(Blocked(catalog, "old.example"));
        Assert.True(Blocked(catalog, "other.example")); // the other list's entries were carried over
    }

    [Fact]
    public async Task RefreshAsync_UnknownName_Throws()
    {
        using BlocklistCatalog catalog = Catalog(lists: [List("a", _dir.File("a.txt", "a.example\n"))]);

        await Assert.ThrowsAsync<ArgumentException>(() => catalog.RefreshAsync("b", CancellationToken.None));
    }

    [Fact]
    public async Task RefreshAsync_All_ReportsEveryListInOrder()
    {
        using BlocklistCatalog catalog = Catalog(lists: [List("a", _dir.File("a.txt", "a.example\n")), List("b", _dir.Combine("gone.txt"))]);
        await catalog.LoadLocalAsync(CancellationToken.None);

        IReadOnlyList<RefreshOutcome> outcomes = await catalog.RefreshAsync(null, CancellationToken.None);

        Assert.Equal(["a", "b"], outcomes.Select(o => o.List));
        Assert.Equal([RefreshResult.NotModified, RefreshResult.Failed], outcomes.Select(o => o.Result));
        Assert.Contains("not found", outcomes[1].Error);
    }

    [Fact]
    public async Task RefreshAsync_FileDeletedOrGarbage_KeepsTheLastGoodEntries()
    {
        string path = _dir.File("list.txt", "kept.example\n");
        using BlocklistCatalog catalog = Catalog(lists: [List("list", path)]);
        await catalog.LoadLocalAsync(CancellationToken.None);

        File.WriteAllText(path, "<html>\n<body>error page</body>\n</html>\n");
        RefreshOutcome garbage = Assert.Single(await catalog.RefreshAsync("list", CancellationToken.None));
        File.Delete(path);
        RefreshOutcome deleted = Assert.Single(await catalog.RefreshAsync("list", CancellationToken.None));

        Assert.Equal(RefreshResult.Failed, garbage.Result);
        Assert.Contains("no usable entries", garbage.Error);
        Assert.Equal(RefreshResult.Failed, deleted.Result);
        Assert.True(Blocked(catalog, "kept.example"));
        Assert.Equal(1, catalog.Lists[0].Entries);
        Assert.NotNull(catalog.Lists[0].LastError);
    }
}
