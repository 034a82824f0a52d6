using System.Net;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.ZoneStore.Updates;
using static SplitDns.ZoneStore.Tests.TestRecords;

namespace SplitDns.ZoneStore.Tests.Updates;

public sealed partial class UpdateProcessorTests
{
    [Theory]
    [InlineData("www 0 ANY ANY", DnsRcode.NoError)]          // name is in use
    [InlineData("nope 0 ANY ANY", DnsRcode.NxDomain)]
    [InlineData("www 0 ANY A", DnsRcode.NoError)]            // RRset exists (value independent)
    [InlineData("www 0 ANY AAAA", DnsRcode.NxRrset)]
    [InlineData("nope 0 NONE ANY", DnsRcode.NoError)]        // name is not in use
    [InlineData("www 0 NONE ANY", DnsRcode.YxDomain)]
    [InlineData("www 0 NONE AAAA", DnsRcode.NoError)]        // RRset does not exist
    [InlineData("www 0 NONE A", DnsRcode.YxRrset)]
    [InlineData("www 0 IN A 192.0.2.7", DnsRcode.NxRrset)]   // value dependent: one of two is not the whole RRset
    [InlineData("www 0 ANY A 192.0.2.7", DnsRcode.FormErr)]  // class ANY with RDATA
    [InlineData("www 300 ANY A", DnsRcode.FormErr)]          // TTL not 0
    [InlineData("other.org. 0 ANY ANY", DnsRcode.NotZone)]
    public void Apply_Prerequisite_ReturnsRcode(string prerequisite, DnsRcode expected)
    {
        var (r, z) = Run(Zone("www 300 A 192.0.2.7", "www 300 A 192.0.2.8"), Update([prerequisite], ["new 300 A 192.0.2.9"]));

        Assert.Equal(expected, r.Rcode);
        Assert.Equal(expected == DnsRcode.NoError, z.NameInUse(DnsName.Parse("new", Origin)));
    }

    [Fact]
    public void Apply_ValueDependentPrerequisiteWholeRrset_Passes()
    {
        var (r, _) = Run(Zone("www 300 A 192.0.2.7", "www 300 A 192.0.2.8"),
            Update(["www 0 IN A 192.0.2.8", "www 0 IN A 192.0.2.7"], ["new 300 A 192.0.2.9"]));

        Assert.Equal(DnsRcode.NoError, r.Rcode);
    }

    [Theory]
    [InlineData("a-example.com. 0 TXT \"heritage=external-dns\"")]
    [InlineData("www.other.org. 300 A 192.0.2.1")]
    public void Apply_OwnerOutsideZone_NotZoneNamingTheRecord(string update)
    {
        var (r, z) = Run(Zone(), Update("ok 300 A 192.0.2.1", update));

        Assert.Equal(DnsRcode.NotZone, r.Rcode);
        Assert.Equal(Rr(update).Name, r.Offending!.Name);
        Assert.False(z.NameInUse(DnsName.Parse("ok", Origin)));
    }

    [Theory]
    [InlineData("www 300 ANY A")]
    [InlineData("www 300 NONE A 192.0.2.1")]
    [InlineData("www 300 IN ANY")]
    [InlineData("www 300 IN AXFR")]
    [InlineData("www 0 ANY A 192.0.2.1")]
    public void Apply_MalformedUpdateRr_FormErrAndNothingApplied(string update)
    {
        var (r, z) = Run(Zone(), Update("ok 300 A 192.0.2.1", update));

        Assert.Equal(DnsRcode.FormErr, r.Rcode);
        Assert.False(z.NameInUse(DnsName.Parse("ok", Origin)));
    }

    [Fact]
    public void CheckZoneSection_TwoEntries_FormErr()
    {
        DnsMessage m = Update("ok 300 A 192.0.2.1");
        m.Questions.Add(m.Questions[0]);

        Assert.Equal(DnsRcode.FormErr, UpdateProcessor.CheckZoneSection(m, out _, out _));
    }

    [Fact]
    public void CheckZoneSection_TypeNotSoa_FormErr()
    {
        DnsMessage m = Update("ok 300 A 192.0.2.1");
        m.Questions[0] = m.Questions[0] with { Type = RecordType.A };

        Assert.Equal(DnsRcode.FormErr, UpdateProcessor.CheckZoneSection(m, out _, out _));
    }

    [Fact]
    public void CheckZoneSection_Valid_ReturnsZoneName()
    {
        Assert.Equal(DnsRcode.NoError, UpdateProcessor.CheckZoneSection(Update("ok 300 A 192.0.2.1"), out DnsName zone, out _));
        Assert.Equal(Origin, zone);
    }

    [Fact]
    public void Apply_UnsignedWithoutUnsignedGrant_Refused()
    {
        var (r, _) = Run(Zone(), Update("www 300 A 192.0.2.1"), key: null);

        Assert.Equal(DnsRcode.Refused, r.Rcode);
    }

    [Fact]
    public void Apply_UnsignedWithExplicitUnsignedGrant_Applied()
    {
        var (r, _) = Run(Zone(), Update("www 300 A 192.0.2.1"), AllowAll(key: null), key: null);

        Assert.Equal(DnsRcode.NoError, r.Rcode);
    }

    [Fact]
    public void Apply_TypeNotGranted_RefusedNamingTheRecord()
    {
        var policy = new ZoneUpdatePolicy([new UpdateGrant(Key, [NamePattern.Parse("*", Origin)], [RecordType.A, RecordType.TXT], [])]);

        var (r, z) = Run(Zone(), Update("www 300 A 192.0.2.1", "www 300 MX 10 mail"), policy);

        Assert.Equal(DnsRcode.Refused, r.Rcode);
        Assert.Equal(RecordType.MX, r.Offending!.Type);
        Assert.False(z.NameInUse(DnsName.Parse("www", Origin)));
    }

    [Theory]
    [InlineData("*", "www", true)]
    [InlineData("*", "@", false)]
    [InlineData("@", "@", true)]
    [InlineData("@", "www", false)]
    [InlineData("**", "a.b.c", true)]
    [InlineData("host", "host", true)]
    [InlineData("host", "x.host", false)]
    [InlineData("*.k8s", "app.k8s", true)]
    [InlineData("*.k8s", "k8s", false)]
    [InlineData("**.k8s", "k8s", true)]
    public void NamePattern_Matches(string pattern, string owner, bool expected)
    {
        Assert.Equal(expected, NamePattern.Parse(pattern, Origin).Matches(DnsName.Parse(owner, Origin)));
    }

    [Fact]
    public void Apply_ClientOutsideGrantNetwork_Refused()
    {
        var policy = new ZoneUpdatePolicy([new UpdateGrant(Key, [NamePattern.Parse("**", Origin)], [], [IPNetwork.Parse("10.0.0.0/8")])]);

        var (r, _) = Run(Zone(), Update("www 300 A 192.0.2.1"), policy);

        Assert.Equal(DnsRcode.Refused, r.Rcode);
    }

    [Fact]
    public void Apply_KeyNameCaseDiffers_GrantStillApplies()
    {
        var (r, _) = Run(Zone(), Update("www 300 A 192.0.2.1"), key: "ExternalDNS.");

        Assert.Equal(DnsRcode.NoError, r.Rcode);
    }

    [Theory]
    [InlineData("ns1 0 ANY ANY")] // Name Is In Use: holds (ns1 exists)
    [InlineData("ghost 0 ANY ANY")] // Name Is In Use: fails NXDOMAIN for a client with a grant
    [InlineData("ns1 0 NONE ANY")] // Name Is Not In Use: fails YXDOMAIN for a client with a grant
    [InlineData("ns1 0 ANY A")] // RRset exists: holds
    [InlineData("ghost 0 ANY A")] // RRset exists: fails NXRRSET for a client with a grant
    public void Apply_RequesterWithoutAnyGrant_RefusedBeforePrerequisitesWhateverTheyWouldSay(string prerequisite)
    {
        // A key with no grant in the zone learns nothing about which names exist: always REFUSED.
        var (r, z) = Run(Zone(), Update([prerequisite], ["probe 300 A 192.0.2.1"]), key: "stranger.");

        Assert.Equal(DnsRcode.Refused, r.Rcode);
        Assert.Null(r.Offending);
        Assert.Contains("no update grant for key stranger.", r.Reason, StringComparison.Ordinal);
        Assert.False(z.NameInUse(DnsName.Parse("probe", Origin)));
    }

    [Fact]
    public void Apply_RequesterWithAGrantButNotForThisRr_PrerequisiteFailureStillComesFirst()
    {
        // Per-RR policy stays after the prerequisites (RFC 2136 §3.3): a granted key that names an
        // RR outside its grant and a failing prerequisite gets the prerequisite's answer.
        var policy = new ZoneUpdatePolicy([new UpdateGrant(Key, [NamePattern.Parse("app", Origin)], [RecordType.A], [])]);

        var (r, _) = Run(Zone(), Update(["ghost 0 ANY ANY"], ["other 300 A 192.0.2.1"]), policy);

        Assert.Equal(DnsRcode.NxDomain, r.Rcode);
    }

    [Fact]
    public void CheckRequester_GrantForAnotherNetworkOnly_Refused()
    {
        var policy = new ZoneUpdatePolicy([new UpdateGrant(Key, [NamePattern.Parse("**", Origin)], [], [IPNetwork.Parse("10.0.0.0/8")])]);

        Assert.Equal(DnsRcode.Refused, UpdateProcessor.CheckRequester(policy, Key, s_client)!.Rcode);
        Assert.Null(UpdateProcessor.CheckRequester(policy, Key, IPAddress.Parse("10.1.2.3")));
    }
}
