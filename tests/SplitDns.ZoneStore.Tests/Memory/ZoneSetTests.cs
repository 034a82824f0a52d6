using SplitDns.Protocol.Names;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.ZoneStore.Tests.Memory;

public class ZoneSetTests
{
    private static readonly DnsName s_example = DnsName.Parse("example.com.");

    private static ZoneSnapshot Zone(string origin, uint serial = 1) =>
        TestZones.Build($"$TTL 60\n@ SOA ns hostmaster {serial} 2 3 4 60\n", origin);

    [Fact]
    public void TryFindZone_NestedZones_LongestMatchWins()
    {
        var catalog = new ZoneCatalog();
        catalog.Publish(Zone("example.com."));
        catalog.Publish(Zone("lab.example.com."));
        using var set = new ZoneSet(catalog, "default");

        Assert.True(set.TryFindZone(DnsName.Parse("a.lab.example.com."), out ZoneSnapshot inner));
        Assert.Equal("lab.example.com.", inner.Origin.ToString());
        Assert.True(set.TryFindZone(DnsName.Parse("WWW.EXAMPLE.COM."), out ZoneSnapshot outer));
        Assert.Equal("example.com.", outer.Origin.ToString());
        Assert.False(set.TryFindZone(DnsName.Parse("example.org."), out _));
    }

    [Fact]
    public void TryFind_ViewOwnedInstance_HidesSharedOneForThatViewOnly()
    {
        var catalog = new ZoneCatalog();
        catalog.Publish(Zone("example.com.", 1));
        catalog.Publish(new ZoneKey("tailscale", s_example), Zone("example.com.", 7));
        using var home = new ZoneSet(catalog, "home");
        using var tailscale = new ZoneSet(catalog, "tailscale");

        Assert.True(home.TryFind(DnsName.Parse("www.example.com."), out ZoneSetEntry? h));
        Assert.True(tailscale.TryFind(DnsName.Parse("www.example.com."), out ZoneSetEntry? t));
        Assert.Equal(1u, h!.Snapshot.Serial);
        Assert.True(h.Key.IsShared);
        Assert.Equal(7u, t!.Snapshot.Serial);
        Assert.Equal("tailscale", t.Key.View);
    }

    [Fact]
    public void Publish_AfterConstruction_SeenAtOnceAndRemovalFallsBackToShared()
    {
        var catalog = new ZoneCatalog();
        using var tailscale = new ZoneSet(catalog, "tailscale");
        catalog.Publish(Zone("example.com.", 1));
        Assert.Equal(1u, tailscale.Get(s_example)!.Snapshot.Serial);

        var own = new ZoneKey("tailscale", s_example);
        catalog.Publish(own, Zone("example.com.", 5));
        Assert.Equal(5u, tailscale.Get(s_example)!.Snapshot.Serial);
        Assert.True(tailscale.Sees(own));

        catalog.Remove(own);
        Assert.Equal(1u, tailscale.Get(s_example)!.Snapshot.Serial);
        catalog.Remove(s_example);
        Assert.Null(tailscale.Get(s_example));
        Assert.Equal(0, tailscale.Count);
    }

    [Fact]
    public void SharedOrigins_List_OtherSharedZonesNotSeen()
    {
        var catalog = new ZoneCatalog();
        catalog.Publish(Zone("example.com."));
        catalog.Publish(Zone("example.org."));
        using var guests = new ZoneSet(catalog, "guests", new HashSet<DnsName> { DnsName.Parse("example.org.") });

        Assert.False(guests.TryFindZone(DnsName.Parse("www.example.com."), out _));
        Assert.True(guests.TryFindZone(DnsName.Parse("www.example.org."), out _));
    }

    [Fact]
    public void OtherViewsInstance_NotSeen()
    {
        var catalog = new ZoneCatalog();
        catalog.Publish(new ZoneKey("tailscale", s_example), Zone("example.com."));
        using var home = new ZoneSet(catalog, "home");

        Assert.False(home.TryFindZone(DnsName.Parse("www.example.com."), out _));
    }

    [Fact]
    public void TryFindZone_Hit_AllocatesNothing()
    {
        var catalog = new ZoneCatalog();
        catalog.Publish(Zone("example.com."));
        using var set = new ZoneSet(catalog, "default");
        DnsName name = DnsName.Parse("a.b.example.com.");
        set.TryFindZone(name, out _);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            set.TryFindZone(name, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
