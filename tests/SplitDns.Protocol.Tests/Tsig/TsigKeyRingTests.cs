using SplitDns.Protocol.Names;
using SplitDns.Protocol.Tsig;

namespace SplitDns.Protocol.Tests.Tsig;

public sealed class TsigKeyRingTests
{
    private static TsigKey Key(string name) => new(DnsName.Parse(name), TsigAlgorithm.HmacSha256, [1, 2, 3, 4]);

    [Fact]
    public void TryAdd_NewKey_FoundCaseInsensitively()
    {
        TsigKeyRing ring = TsigKeyRing.Empty;

        Assert.True(ring.TryAdd(Key("ExtDns.")));

        Assert.True(ring.TryFind(DnsName.Parse("extdns."), out TsigKey? found));
        Assert.Equal("ExtDns.", found.Name.ToString());
        Assert.Equal(1, ring.Count);
    }

    [Fact]
    public void TryAdd_SameName_FalseAndFirstKept()
    {
        var ring = new TsigKeyRing([Key("a.")]);
        TsigKey first = ring.Keys.Single();

        Assert.False(ring.TryAdd(Key("A.")));

        Assert.True(ring.TryFind(DnsName.Parse("a."), out TsigKey? found));
        Assert.Same(first, found);
    }

    [Fact]
    public void Remove_Existing_NotFoundAfterwardsOthersStay()
    {
        var ring = new TsigKeyRing([Key("a."), Key("b.")]);

        Assert.True(ring.Remove(DnsName.Parse("A.")));
        Assert.False(ring.Remove(DnsName.Parse("a.")));

        Assert.False(ring.TryFind(DnsName.Parse("a."), out _));
        Assert.True(ring.TryFind(DnsName.Parse("b."), out _));
    }

    [Fact]
    public void Empty_EachCallItsOwnRing()
    {
        TsigKeyRing one = TsigKeyRing.Empty;
        one.TryAdd(Key("a."));

        Assert.Equal(0, TsigKeyRing.Empty.Count);
    }
}
