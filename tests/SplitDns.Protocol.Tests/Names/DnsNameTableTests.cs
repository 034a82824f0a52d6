using SplitDns.Protocol.Names;

namespace SplitDns.Protocol.Tests.Names;

public class DnsNameTableTests
{
    [Theory]
    [InlineData("a.b.example.com.")]
    [InlineData("WwW.ExAmPlE.CoM.")]
    [InlineData("x.")]
    [InlineData(".")]
    [InlineData("\\065\\090\\091.long-label-0123456789-0123456789-0123456789-0123456789-012.z.")]
    public void SuffixWalk_EachStepHashesAsTheSuffixOnItsOwn(string text)
    {
        DnsName name = DnsName.Parse(text);
        var walk = new DnsNameSuffixWalk(name);
        DnsName expected = name;
        int steps = 0;
        while (true)
        {
            Assert.True(walk.Suffix.SequenceEqual(expected.Wire));
            Assert.Equal(expected.LabelCount, walk.LabelCount);
            Assert.Equal(DnsNameSuffixWalk.HashOf(expected.Wire), walk.Hash);
            Assert.Equal(DnsNameSuffixWalk.HashOf(expected.ToLowerInvariant().Wire), walk.Hash);
            steps++;
            if (!walk.MoveNext())
            {
                break;
            }

            expected = expected.Parent();
        }

        Assert.True(expected.IsRoot);
        Assert.Equal(name.LabelCount + 1, steps);
    }

    [Fact]
    public void TryFindDeepest_LongestContainingName_CaseInsensitive()
    {
        var table = new DnsNameTable<string>(
        [
            new(DnsName.Parse("example.com."), "example"),
            new(DnsName.Parse("LAN.example.com."), "lan"),
            new(DnsName.Parse("org."), "org"),
        ]);

        Assert.True(table.TryFindDeepest(DnsName.Parse("a.b.lan.EXAMPLE.com."), out string? v, out int labels));
        Assert.Equal(("lan", 3), (v, labels));
        Assert.True(table.TryFindDeepest(DnsName.Parse("www.Example.COM."), out v, out labels));
        Assert.Equal(("example", 2), (v, labels));
        Assert.True(table.TryFindDeepest(DnsName.Parse("org."), out v, out labels));
        Assert.Equal(("org", 1), (v, labels));
        Assert.False(table.TryFindDeepest(DnsName.Parse("example.net."), out v, out labels));
        Assert.Equal((null, -1), (v, labels));
        Assert.False(table.TryFindDeepest(DnsName.Root, out _, out _));
        Assert.True(table.TryGetValue(DnsName.Parse("lan.example.com."), out v));
        Assert.Equal("lan", v);
        Assert.False(table.TryGetValue(DnsName.Parse("a.lan.example.com."), out _));
    }

    [Fact]
    public void ManyNames_AllFound_RootMatchesEverything()
    {
        var names = Enumerable.Range(0, 500).Select(i => DnsName.Parse($"z{i}.n{i % 7}.test.")).ToList();
        var table = new DnsNameTable<string>(names.Select(n => new KeyValuePair<DnsName, string>(n, n.ToString()))
            .Append(new(DnsName.Root, "root")));

        Assert.Equal(501, table.Count);
        foreach (DnsName n in names)
        {
            Assert.True(table.TryFindDeepest(DnsName.Parse("Host." + n), out string? v, out int labels));
            Assert.Equal((n.ToString(), 3), (v, labels));
        }

        Assert.True(table.TryFindDeepest(DnsName.Parse("other.example."), out string? r, out int rootLabels));
        Assert.Equal(("root", 0), (r, rootLabels));
        Assert.Empty(DnsNameTable<string>.Empty.Values);
        Assert.False(DnsNameTable<string>.Empty.TryFindDeepest(DnsName.Parse("a."), out _, out _));
    }

    [Fact]
    public void TryFindDeepest_AllocatesNothing()
    {
        var table = new DnsNameTable<string>([new(DnsName.Parse("example.com."), "x")]);
        DnsName name = DnsName.Parse("a.b.c.example.com.");
        table.TryFindDeepest(name, out _, out _);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            table.TryFindDeepest(name, out _, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
