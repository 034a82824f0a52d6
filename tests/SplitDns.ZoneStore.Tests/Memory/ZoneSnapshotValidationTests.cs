using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.ZoneStore.Tests.Memory;

public class ZoneSnapshotValidationTests
{
    private static readonly DnsName s_origin = DnsName.Parse("example.com.");

    private static ResourceRecord Soa(string owner = "example.com.", uint serial = 1) =>
        TestZones.Record(owner, "SOA", $"ns.example.com. hostmaster.example.com. {serial} 2 3 4 60");

    [Fact]
    public void Create_NoSoa_ThrowsWithReason()
    {
        var ex = Assert.Throws<ArgumentException>(() => ZoneSnapshot.Create(s_origin, [TestZones.Record("www.example.com.", "A", "192.0.2.1")]));
        Assert.Contains("no SOA", ex.Message);
    }

    [Fact]
    public void Create_TwoSoas_ThrowsWithReason()
    {
        var ex = Assert.Throws<ArgumentException>(() => ZoneSnapshot.Create(s_origin, [Soa(serial: 1), Soa(serial: 2)]));
        Assert.Contains("more than one SOA", ex.Message);
    }

    [Fact]
    public void Create_SoaBelowApex_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => ZoneSnapshot.Create(s_origin, [Soa(), Soa("sub.example.com.")]));
        Assert.Contains("not at the zone apex", ex.Message);
    }

    [Fact]
    public void Create_RecordOutsideZone_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => ZoneSnapshot.Create(s_origin, [Soa(), TestZones.Record("www.example.org.", "A", "192.0.2.1")]));
        Assert.Contains("outside zone", ex.Message);
    }

    [Fact]
    public void Create_CnameAndOtherData_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => ZoneSnapshot.Create(s_origin,
            [Soa(), TestZones.Record("www.example.com.", "CNAME", "a.example.com."), TestZones.Record("www.example.com.", "A", "192.0.2.1")]));
        Assert.Contains("CNAME and other data", ex.Message);
    }

    [Fact]
    public void Create_TwoCnames_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => ZoneSnapshot.Create(s_origin,
            [Soa(), TestZones.Record("www.example.com.", "CNAME", "a.example.com."), TestZones.Record("www.example.com.", "CNAME", "b.example.com.")]));
        Assert.Contains("only one", ex.Message);
    }

    [Fact]
    public void Create_DuplicateRecords_MergedAndTtlLowest()
    {
        ZoneSnapshot zone = ZoneSnapshot.Create(s_origin,
            [Soa(), TestZones.Record("a.example.com.", "A", "192.0.2.1", 600), TestZones.Record("A.example.com.", "A", "192.0.2.1", 600),
             TestZones.Record("a.example.com.", "A", "192.0.2.2", 60)]);

        Rrset set = zone.GetRrset(DnsName.Parse("a.example.com."), RecordType.A)!;
        Assert.Equal(2, set.Count);
        Assert.Equal(60u, set.Ttl);
        Assert.All(set.Records.ToArray(), rr => Assert.Equal(60u, rr.Ttl));
    }
}
