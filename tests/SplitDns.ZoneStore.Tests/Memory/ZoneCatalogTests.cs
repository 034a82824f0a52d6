using SplitDns.Protocol.Names;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.ZoneStore.Tests.Memory;

public class ZoneCatalogTests
{
    private static ZoneSnapshot Zone(string origin, uint serial = 1) =>
        TestZones.Build($"$TTL 60\n@ SOA ns hostmaster {serial} 2 3 4 60\n", origin);

    [Fact]
    public void TryFindZone_NestedZones_LongestMatchWins()
    {
        var catalog = new ZoneCatalog();
        catalog.Publish(Zone("example.com."));
        catalog.Publish(Zone("lab.example.com."));

        Assert.True(catalog.TryFindZone(DnsName.Parse("a.lab.example.com."), out ZoneSnapshot inner));
        Assert.Equal("lab.example.com.", inner.Origin.ToString());
        Assert.True(catalog.TryFindZone(DnsName.Parse("WWW.EXAMPLE.COM."), out ZoneSnapshot outer));
        Assert.Equal("example.com.", outer.Origin.ToString());
        Assert.False(catalog.TryFindZone(DnsName.Parse("example.org."), out _));
    }

    [Fact]
    public void Publish_Replace_SwapsAndRaisesChanged()
    {
        var catalog = new ZoneCatalog();
        var changes = new List<ZoneChange>();
        catalog.Changed += changes.Add;
        catalog.Publish(Zone("example.com.", 1));
        catalog.Publish(Zone("example.com.", 2));

        Assert.Equal(2u, catalog.Get(DnsName.Parse("example.com."))!.Serial);
        Assert.Equal(2, changes.Count);
        Assert.Null(changes[0].Previous);
        Assert.Equal(1u, changes[1].Previous!.Serial);
    }

    [Fact]
    public void Remove_Zone_NoLongerFound()
    {
        var catalog = new ZoneCatalog();
        var changes = new List<ZoneChange>();
        catalog.Publish(Zone("example.com."));
        catalog.Changed += changes.Add;
        catalog.Remove(DnsName.Parse("example.com."));

        Assert.False(catalog.TryFindZone(DnsName.Parse("www.example.com."), out _));
        Assert.Null(Assert.Single(changes).Current);
        Assert.Equal(0, catalog.Count);
    }
}
