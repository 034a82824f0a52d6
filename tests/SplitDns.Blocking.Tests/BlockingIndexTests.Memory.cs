using SplitDns.Blocking.Tests.Fakes;

namespace SplitDns.Blocking.Tests;

/// <summary>Zero allocation per match, and many names (table growth, dedup, rebuild carrying entries).</summary>
public sealed partial class BlockingIndexTests
{
    [Fact]
    public void Match_AllocatesNothing()
    {
        BlockingIndex index = Build(("ads.example", Ads, EntryKind.Block), ("ok.ads.example", Allow, EntryKind.Block));
        byte[] hit = Wire.Name("Deep.Ads.Example");
        byte[] miss = Wire.Name("a.b.c.other");
        byte[] allowed = Wire.Name("ok.ads.example");
        for (int i = 0; i < 100; i++)
        {
            index.Match(hit, AdsBit, AllowBit);
            index.Match(miss, AdsBit, AllowBit);
            index.Match(allowed, AdsBit, AllowBit);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int blocked = 0;
        for (int i = 0; i < 10_000; i++)
        {
            blocked += index.Match(hit, AdsBit, AllowBit).IsBlocked ? 1 : 0;
            blocked += index.Match(miss, AdsBit, AllowBit).IsBlocked ? 1 : 0;
            blocked += index.Match(allowed, AdsBit, AllowBit).IsBlocked ? 1 : 0;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(10_000, blocked);
    }

    [Fact]
    public void Build_ManyNames_AllFoundAndDeduplicatedAcrossLists()
    {
        var builder = new BlockingIndexBuilder();
        for (int i = 0; i < 50_000; i++)
        {
            builder.TryAdd($"n{i}.example", i % 3, EntryKind.Block);
            if (i % 10 == 0)
            {
                builder.TryAdd($"N{i}.Example", 5, EntryKind.Block);
            }
        }

        BlockingIndex index = builder.Build();

        Assert.Equal(50_000, index.Count);
        for (int i = 0; i < 50_000; i += 7)
        {
            BlockMatch m = index.Match(Wire.Name($"x.n{i}.example"), uint.MaxValue, 0);
            Assert.True(m.IsBlocked);
            Assert.Equal(i % 3, m.ListIndex);
        }

        Assert.True(index.Match(Wire.Name("n10.example"), 1u << 5, 0).IsBlocked);
        Assert.False(index.Match(Wire.Name("n11.example"), 1u << 5, 0).IsBlocked);
        Assert.False(index.Match(Wire.Name("n50000.example"), uint.MaxValue, 0).IsBlocked);
    }

    [Fact]
    public void AddFrom_KeepMask_DropsReplacedListsAndEntriesLeftEmpty()
    {
        BlockingIndex old = Build(("both.example", Ads, EntryKind.Block), ("both.example", Trackers, EntryKind.Block), ("ads-only.example", Ads, EntryKind.Block));
        var builder = new BlockingIndexBuilder();
        builder.TryAdd("new.example", Ads, EntryKind.Block);

        builder.AddFrom(old, ~AdsBit);
        BlockingIndex rebuilt = builder.Build();

        Assert.Equal(2, rebuilt.Count);
        Assert.Equal(Trackers, Match(rebuilt, "both.example").ListIndex);
        Assert.False(Match(rebuilt, "ads-only.example").IsBlocked);
        Assert.Equal(Ads, Match(rebuilt, "new.example").ListIndex);
    }

    [Fact]
    public void Build_Twice_Throws()
    {
        var builder = new BlockingIndexBuilder();
        builder.TryAdd("a.example", 0, EntryKind.Block);
        builder.Build();

        Assert.Throws<InvalidOperationException>(() => builder.Build());
        Assert.Throws<InvalidOperationException>(() => builder.TryAdd("b.example", 0, EntryKind.Block));
    }
}
