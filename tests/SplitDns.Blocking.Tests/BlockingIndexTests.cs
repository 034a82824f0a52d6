using SplitDns.Blocking.Tests.Fakes;

namespace SplitDns.Blocking.Tests;

/// <summary>Matching semantics: suffixes, wildcard subdomains, allow wins, list index, masks, case, malformed names.</summary>
public sealed partial class BlockingIndexTests
{
    private const int Ads = 0;
    private const int Trackers = 1;
    private const int Allow = 2;
    private const uint AdsBit = 1u << Ads;
    private const uint TrackersBit = 1u << Trackers;
    private const uint AllowBit = 1u << Allow;

    private static BlockingIndex Build(params (string Name, int List, EntryKind Kind)[] entries)
    {
        var builder = new BlockingIndexBuilder();
        foreach ((string name, int list, EntryKind kind) in entries)
        {
            Assert.True(builder.TryAdd(name, list, kind), name);
        }

        return builder.Build();
    }

    private static BlockMatch Match(BlockingIndex index, string name, uint block = AdsBit | TrackersBit, uint allow = AllowBit) =>
        index.Match(Wire.Name(name), block, allow);

    [Theory]
    [InlineData("ads.example", true)]
    [InlineData("a.b.c.ads.example", true)]
    [InlineData("example", false)]
    [InlineData("xads.example", false)]
    [InlineData("ads.example.org", false)]
    public void Match_BlockEntry_BlocksNameAndSubdomains(string name, bool blocked)
    {
        BlockingIndex index = Build(("ads.example", Ads, EntryKind.Block));

        BlockMatch m = Match(index, name);

        Assert.Equal(blocked, m.IsBlocked);
        Assert.Equal(blocked ? Ads : -1, m.ListIndex);
        Assert.False(m.IsAllowed);
    }

    [Fact]
    public void Match_WildcardEntry_BlocksSubdomainsOnly()
    {
        BlockingIndex index = Build(("wild.example", Ads, EntryKind.BlockSubdomains));

        Assert.False(Match(index, "wild.example").IsBlocked);
        Assert.True(Match(index, "a.wild.example").IsBlocked);
        Assert.True(Match(index, "b.a.wild.example").IsBlocked);
    }

    [Fact]
    public void Match_MixedCaseWireName_IsFolded()
    {
        BlockingIndex index = Build(("ads.example", Ads, EntryKind.Block));

        Assert.True(Match(index, "ADS.Example").IsBlocked);
        Assert.True(Match(index, "Deep.SUB.aDs.EXAMPLE").IsBlocked);
    }

    [Fact]
    public void Match_AllowlistEntry_WinsOverBlockAtAnySuffix()
    {
        BlockingIndex index = Build(
            ("ads.example", Ads, EntryKind.Block),
            ("fine.ads.example", Allow, EntryKind.Block), // any entry of an allowlist allows
            ("deep.blocked.example", Ads, EntryKind.Block),
            ("blocked.example", Allow, EntryKind.Block));

        BlockMatch allowed = Match(index, "x.fine.ads.example");
        BlockMatch parentAllowed = Match(index, "deep.blocked.example"); // allow at a less specific suffix still wins

        Assert.False(allowed.IsBlocked);
        Assert.True(allowed.IsAllowed);
        Assert.Equal(-1, allowed.ListIndex);
        Assert.True(parentAllowed.IsAllowed);
        Assert.False(parentAllowed.IsBlocked);
        Assert.True(Match(index, "other.ads.example").IsBlocked);
    }

    [Fact]
    public void Match_ExceptionOfABlockingList_Allows()
    {
        BlockingIndex index = Build(("ads.example", Ads, EntryKind.Block), ("ok.ads.example", Ads, EntryKind.Allow), ("sub.example", Ads, EntryKind.Block), ("sub.example", Ads, EntryKind.AllowSubdomains));

        Assert.True(Match(index, "ok.ads.example").IsAllowed);
        Assert.True(Match(index, "x.ok.ads.example").IsAllowed);
        Assert.True(Match(index, "ads.example").IsBlocked);
        Assert.True(Match(index, "sub.example").IsBlocked); // @@||*.sub.example^ leaves sub.example itself blocked
        Assert.True(Match(index, "x.sub.example").IsAllowed);
    }

    [Fact]
    public void Match_ExceptionOfAListTheViewDoesNotUse_DoesNothing()
    {
        BlockingIndex index = Build(("ads.example", Ads, EntryKind.Block), ("ok.ads.example", Trackers, EntryKind.Allow));

        Assert.True(Match(index, "ok.ads.example", block: AdsBit, allow: 0).IsBlocked);
        Assert.True(Match(index, "ok.ads.example", block: AdsBit | TrackersBit, allow: 0).IsAllowed);
    }

    [Fact]
    public void Match_AllowlistWildcard_AllowsSubdomainsOnly()
    {
        BlockingIndex index = Build(("ads.example", Ads, EntryKind.Block), ("ads.example", Allow, EntryKind.BlockSubdomains));

        Assert.True(Match(index, "ads.example").IsBlocked);
        Assert.True(Match(index, "x.ads.example").IsAllowed);
    }

    [Fact]
    public void Match_MostSpecificSuffixNamesTheList_LowestBitOnATie()
    {
        BlockingIndex index = Build(
            ("example", Trackers, EntryKind.Block),
            ("ads.example", Ads, EntryKind.Block),
            ("both.example", Trackers, EntryKind.Block),
            ("both.example", Ads, EntryKind.Block));

        Assert.Equal(Ads, Match(index, "x.ads.example").ListIndex);
        Assert.Equal(Trackers, Match(index, "other.example").ListIndex);
        Assert.Equal(Ads, Match(index, "both.example").ListIndex);
        Assert.Equal(3, index.Count + 0 * 1); // "both.example" is one entry with two bits
    }

    [Fact]
    public void Match_ViewWithoutTheListsBit_IsNotBlockedByIt()
    {
        BlockingIndex index = Build(("ads.example", Ads, EntryKind.Block), ("trk.example", Trackers, EntryKind.Block));

        Assert.False(Match(index, "ads.example", block: TrackersBit, allow: 0).IsBlocked);
        Assert.True(Match(index, "trk.example", block: TrackersBit, allow: 0).IsBlocked);
        Assert.False(Match(index, "trk.example", block: 0, allow: 0).IsBlocked);
    }

    [Fact]
    public void Match_ListInAllowMask_AllowsEvenItsBlockEntries()
    {
        BlockingIndex index = Build(("ads.example", Ads, EntryKind.Block), ("ads.example", Trackers, EntryKind.Block));

        BlockMatch m = Match(index, "ads.example", block: AdsBit, allow: TrackersBit);

        Assert.True(m.IsAllowed);
        Assert.False(m.IsBlocked);
    }

    [Theory]
    [InlineData("")]
    [InlineData("03616473")] // truncated: no root byte
    [InlineData("c00c")] // compression pointer
    [InlineData("4161626300")] // label type 01
    public void Match_MalformedWire_IsNotBlocked(string hex)
    {
        BlockingIndex index = Build(("ads", Ads, EntryKind.Block));

        Assert.False(index.Match(Convert.FromHexString(hex), AdsBit, 0).IsBlocked);
    }

    [Fact]
    public void Match_RootAndEmptyIndex_AreNotBlocked()
    {
        Assert.False(BlockingIndex.Empty.Match(Wire.Name("ads.example"), uint.MaxValue, 0).IsBlocked);
        Assert.Equal(0, BlockingIndex.Empty.Count);
        Assert.False(Build(("example", Ads, EntryKind.Block)).Match([0], AdsBit, 0).IsBlocked);
    }

    [Fact]
    public void Match_NonAsciiLabelBytes_ComparedExactly()
    {
        var builder = new BlockingIndexBuilder();
        builder.TryAdd("ads.example", Ads, EntryKind.Block);
        BlockingIndex index = builder.Build();
        byte[] wire = [3, 0xC1, (byte)'d', (byte)'s', 7, .. "example"u8, 0];

        Assert.False(index.Match(wire, AdsBit, 0).IsBlocked);
    }
}
