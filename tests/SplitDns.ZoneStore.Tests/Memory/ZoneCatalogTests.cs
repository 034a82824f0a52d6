using SplitDns.Protocol.Names;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.ZoneStore.Tests.Memory;

public class ZoneCatalogTests
{
    private static ZoneSnapshot Zone(string origin, uint serial = 1) =>
        TestZones.Build($"$TTL 60\n@ SOA ns hostmaster {serial} 2 3 4 60\n", origin);

    [Fact]
    public void Publish_KeyOfAnotherOrigin_Throws()
    {
        var catalog = new ZoneCatalog();
        Assert.Throws<ArgumentException>(() => catalog.Publish(new ZoneKey("home", DnsName.Parse("example.org.")), Zone("example.com.")));
    }

    [Fact]
    public void InstancesOf_SharedAndViewOwned_ListsBoth()
    {
        var catalog = new ZoneCatalog();
        catalog.Publish(Zone("example.com."));
        catalog.Publish(new ZoneKey("tailscale", DnsName.Parse("example.com.")), Zone("example.com."));
        catalog.Publish(Zone("example.org."));

        List<ZoneKey> keys = catalog.InstancesOf(DnsName.Parse("EXAMPLE.com."));

        Assert.Equal(2, keys.Count);
        Assert.Contains(ZoneKey.Shared(DnsName.Parse("example.com.")), keys);
        Assert.Contains(new ZoneKey("tailscale", DnsName.Parse("example.com.")), keys);
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

        Assert.Null(catalog.Get(DnsName.Parse("example.com.")));
        Assert.Null(Assert.Single(changes).Current);
        Assert.Equal(0, catalog.Count);
    }
}
