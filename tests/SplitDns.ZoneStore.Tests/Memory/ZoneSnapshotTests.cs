using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.ZoneStore.Tests.Memory;

public class ZoneSnapshotTests
{
    private static readonly ZoneSnapshot s_rfc4592 = TestZones.Build(TestZones.Rfc4592, "example.");

    // RFC 4592 §2.2.1: the table of queries against the example zone and the expected outcome.
    [Theory]
    [InlineData("host3.example.", "MX", LookupOutcome.Hit, "*.example.")]
    [InlineData("host3.example.", "A", LookupOutcome.NoData, "*.example.")]
    [InlineData("foo.bar.example.", "TXT", LookupOutcome.Hit, "*.example.")]
    [InlineData("host1.example.", "MX", LookupOutcome.NoData, "host1.example.")]
    [InlineData("sub.*.example.", "MX", LookupOutcome.NoData, "sub.*.example.")]
    [InlineData("_telnet._tcp.host1.example.", "SRV", LookupOutcome.NxDomain, null)]
    [InlineData("host.subdel.example.", "A", LookupOutcome.Referral, "subdel.example.")]
    [InlineData("ghost.*.example.", "MX", LookupOutcome.NxDomain, null)]
    public void Find_Rfc4592Table_ReturnsExpectedOutcome(string qname, string qtype, LookupOutcome expected, string? matchName)
    {
        RecordTypeNames.TryParse(qtype, out RecordType type);

        LookupOutcome outcome = s_rfc4592.Find(DnsName.Parse(qname), type, out ZoneNode? match, out _);

        Assert.Equal(expected, outcome);
        Assert.Equal(matchName, match?.Name.ToString());
    }

    [Theory]
    [InlineData("_telnet._tcp.host1.example.", "_tcp.host1.example.")]
    [InlineData("ghost.*.example.", "*.example.")]
    [InlineData("host3.example.", "example.")]
    [InlineData("a.b.c.example.", "example.")]
    public void Find_MissingName_ReportsClosestEncloser(string qname, string encloser)
    {
        s_rfc4592.Find(DnsName.Parse(qname), RecordType.A, out _, out ZoneNode found);

        Assert.Equal(encloser, found.Name.ToString());
    }

    [Fact]
    public void Create_EmptyNonTerminals_ExistAsNodes()
    {
        Assert.True(s_rfc4592.TryGetNode(DnsName.Parse("_tcp.host1.example."), out ZoneNode ent));
        Assert.True(ent.IsEmptyNonTerminal);
        Assert.True(s_rfc4592.TryGetNode(DnsName.Parse("host2.example."), out ZoneNode host2));
        Assert.True(host2.IsEmptyNonTerminal);
    }

    [Fact]
    public void Find_EmptyNonTerminal_IsNoDataNotWildcard()
    {
        // RFC 4592 §2.2.2: host2.example. exists (empty), so the wildcard does not apply.
        LookupOutcome outcome = s_rfc4592.Find(DnsName.Parse("host2.example."), RecordType.MX, out ZoneNode? match, out _);

        Assert.Equal(LookupOutcome.NoData, outcome);
        Assert.Equal("host2.example.", match!.Name.ToString());
    }

    [Fact]
    public void Create_Flags_ComputedAtBuild()
    {
        s_rfc4592.TryGetNode(DnsName.Parse("subdel.example."), out ZoneNode cut);
        s_rfc4592.TryGetNode(DnsName.Parse("example."), out ZoneNode apex);

        Assert.True(cut.IsDelegation);
        Assert.False(apex.IsDelegation);
        Assert.True(apex.IsApex);
        Assert.Equal("*.example.", apex.WildcardChild!.Name.ToString());
    }

    [Fact]
    public void Find_Cname_ReturnsCnameUnlessAskedForCname()
    {
        ZoneSnapshot zone = TestZones.Build("""
            $TTL 300
            @ SOA ns hostmaster 1 2 3 4 60
            www CNAME target
            target A 192.0.2.7
            """, "example.com.");

        Assert.Equal(LookupOutcome.Cname, zone.Find(DnsName.Parse("www.example.com."), RecordType.A, out _, out _));
        Assert.Equal(LookupOutcome.Hit, zone.Find(DnsName.Parse("WWW.Example.COM."), RecordType.CNAME, out _, out _));
    }

    [Fact]
    public void Find_BelowDname_ReturnsDnameAtOwner()
    {
        ZoneSnapshot zone = TestZones.Build("""
            $TTL 300
            @ SOA ns hostmaster 1 2 3 4 60
            old DNAME new.example.net.
            old A 192.0.2.1
            """, "example.com.");

        Assert.Equal(LookupOutcome.Dname, zone.Find(DnsName.Parse("x.y.old.example.com."), RecordType.A, out ZoneNode? match, out _));
        Assert.Equal("old.example.com.", match!.Name.ToString());
        Assert.Equal(LookupOutcome.Hit, zone.Find(DnsName.Parse("old.example.com."), RecordType.A, out _, out _));
    }

    [Fact]
    public void Find_DsAtDelegation_AnsweredFromParentSide()
    {
        Assert.Equal(LookupOutcome.NoData, s_rfc4592.Find(DnsName.Parse("subdel.example."), RecordType.DS, out _, out _));
        Assert.Equal(LookupOutcome.Referral, s_rfc4592.Find(DnsName.Parse("subdel.example."), RecordType.A, out _, out _));
    }

    [Fact]
    public void Find_Any_HitsWhenNodeHasData()
    {
        Assert.Equal(LookupOutcome.Hit, s_rfc4592.Find(DnsName.Parse("host1.example."), RecordType.ANY, out _, out _));
        Assert.Equal(LookupOutcome.NoData, s_rfc4592.Find(DnsName.Parse("host2.example."), RecordType.ANY, out _, out _));
    }

    [Fact]
    public void Find_NameOutsideZone_Throws()
    {
        Assert.Throws<ArgumentException>(() => s_rfc4592.Find(DnsName.Parse("example.org."), RecordType.A, out _, out _));
    }

    [Fact]
    public void Records_SoaFirstThenCanonicalOrder()
    {
        var records = s_rfc4592.Records.ToList();

        Assert.Equal(RecordType.SOA, records[0].Type);
        Assert.Equal(11, s_rfc4592.RecordCount);
        for (int i = 2; i < records.Count; i++)
        {
            Assert.True(records[i - 1].Name.CompareTo(records[i].Name) <= 0, $"{records[i - 1]} before {records[i]}");
        }
    }

    [Fact]
    public void NegativeSoa_TtlIsMinOfTtlAndMinimum()
    {
        Assert.Equal(300u, s_rfc4592.NegativeSoa.Ttl);
        Assert.Equal(3600u, s_rfc4592.SoaRrset.Ttl);
        Assert.Equal(1u, s_rfc4592.Serial);
    }

    [Fact]
    public void Rrset_AdditionalTargets_FromNsMxAndSrv()
    {
        Assert.Equal(["ns.example.com.", "ns.example.net."], s_rfc4592.ApexNs!.AdditionalTargets.Select(n => n.ToString()));
        Assert.Equal("host1.example.", s_rfc4592.GetRrset(DnsName.Parse("*.example."), RecordType.MX)!.AdditionalTargets.Single().ToString());
        Assert.Equal("host1.example.", s_rfc4592.GetRrset(DnsName.Parse("_ssh._tcp.host1.example."), RecordType.SRV)!.AdditionalTargets.Single().ToString());
    }

    [Fact]
    public void Create_GlueBelowCut_IsOccluded()
    {
        ZoneSnapshot zone = TestZones.Build("""
            $TTL 300
            @ SOA ns hostmaster 1 2 3 4 60
            sub NS ns.sub
            ns.sub A 192.0.2.53
            """, "example.com.");

        zone.TryGetNode(DnsName.Parse("ns.sub.example.com."), out ZoneNode glue);
        Assert.True(glue.IsOccluded);
        Assert.Equal(LookupOutcome.Referral, zone.Find(DnsName.Parse("ns.sub.example.com."), RecordType.A, out _, out _));
    }
}
