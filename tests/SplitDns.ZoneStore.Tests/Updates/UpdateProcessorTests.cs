using System.Net;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.ZoneStore.Updates;
using static SplitDns.ZoneStore.Tests.TestRecords;

namespace SplitDns.ZoneStore.Tests.Updates;

public sealed partial class UpdateProcessorTests
{
    private const string Key = "externaldns.";
    private static readonly IPAddress s_client = IPAddress.Loopback;
    private static readonly DateTimeOffset s_now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static ZoneUpdatePolicy AllowAll(string? key = Key) =>
        new([new UpdateGrant(key, [NamePattern.Parse("**", Origin)], [], [])]);

    private static (UpdateResult Result, ZoneWorkingSet Zone) Run(List<ResourceRecord> zone, DnsMessage message,
        ZoneUpdatePolicy? policy = null, string? key = Key, UpdateSettings? settings = null)
    {
        var set = new ZoneWorkingSet(Origin, zone);
        var processor = new UpdateProcessor(settings ?? new UpdateSettings());
        return (processor.Apply(message, set, policy ?? AllowAll(), key, s_client, s_now), set);
    }

    private static List<string> Rrset(ZoneWorkingSet zone, string owner, RecordType type) =>
        zone.GetRrset(DnsName.Parse(owner, Origin), type).Select(e => e.Record.ToString()).ToList();

    [Fact]
    public void Apply_AddNewRecord_AddedAndSerialBumpedOnce()
    {
        var (r, z) = Run(Zone(), Update("www 300 A 192.0.2.10", "www 300 A 192.0.2.11"));

        Assert.Equal(DnsRcode.NoError, r.Rcode);
        Assert.Equal(2, Rrset(z, "www", RecordType.A).Count);
        Assert.Equal(100u, r.OldSerial);
        Assert.Equal(101u, r.NewSerial);
        Assert.Equal(101u, z.SoaData.Serial);
        Assert.Equal(RecordType.SOA, r.Deleted[0].Type);
        Assert.Equal(3, r.Added.Count);
    }

    [Fact]
    public void Apply_DuplicateAdd_NoChangeNoSerialBump()
    {
        var (r, z) = Run(Zone("www 300 A 192.0.2.10"), Update("www 300 A 192.0.2.10"));

        Assert.Equal(DnsRcode.NoError, r.Rcode);
        Assert.False(r.Changed);
        Assert.Equal(100u, z.SoaData.Serial);
        Assert.Equal(RrOutcomeKind.Duplicate, r.Outcomes[0].Kind);
    }

    [Fact]
    public void Apply_DeleteAbsentRecord_NoChangeNoSerialBump()
    {
        var (r, z) = Run(Zone(), Update("www 0 NONE A 192.0.2.10"));

        Assert.Equal(DnsRcode.NoError, r.Rcode);
        Assert.False(r.Changed);
        Assert.Equal(RrOutcomeKind.NotPresent, r.Outcomes[0].Kind);
        Assert.Equal(100u, z.SoaData.Serial);
    }

    [Fact]
    public void Apply_DeleteRrWithDifferentNameCaseInRdata_MatchesCanonically()
    {
        var (r, z) = Run(Zone("www 300 CNAME Target.Example.COM."), Update("www 0 NONE CNAME target.example.com."));

        Assert.Equal(RrOutcomeKind.Deleted, r.Outcomes[0].Kind);
        Assert.Empty(Rrset(z, "www", RecordType.CNAME));
    }

    [Fact]
    public void Apply_DeleteTxtWithDifferentCase_DoesNotMatch()
    {
        var (r, z) = Run(Zone("t 0 TXT \"heritage=external-dns\""), Update("t 0 NONE TXT \"Heritage=external-dns\""));

        Assert.Equal(RrOutcomeKind.NotPresent, r.Outcomes[0].Kind);
        Assert.Single(Rrset(z, "t", RecordType.TXT));
    }

    [Fact]
    public void Apply_ExternalDnsReplace_ProcessedStrictlyInOrder()
    {
        // external-dns: targets [1.1.1.1, 2.2.2.2] -> [1.1.1.1, 3.3.3.3] as NONE, NONE, IN, IN.
        var (r, z) = Run(
            Zone("app 300 A 198.51.100.1", "app 300 A 198.51.100.2"),
            Update("app 0 NONE A 198.51.100.1", "app 0 NONE A 198.51.100.2", "app 300 A 198.51.100.1", "app 300 A 198.51.100.3"));

        Assert.Equal(DnsRcode.NoError, r.Rcode);
        Assert.Equal(["app.example.com.\t300\tIN\tA\t198.51.100.1", "app.example.com.\t300\tIN\tA\t198.51.100.3"],
            Rrset(z, "app", RecordType.A).Order().ToList());
        Assert.Equal(["198.51.100.2"], r.Deleted.Where(x => x.Type == RecordType.A).Select(x => x.Data.ToString()));
        Assert.Equal(["198.51.100.3"], r.Added.Where(x => x.Type == RecordType.A).Select(x => x.Data.ToString()));
    }

    [Fact]
    public void Apply_DeleteThenReAddSameRecord_NoSerialBump()
    {
        var (r, z) = Run(Zone("app 300 A 198.51.100.1"), Update("app 0 NONE A 198.51.100.1", "app 300 A 198.51.100.1"));

        Assert.False(r.Changed);
        Assert.Equal(100u, z.SoaData.Serial);
    }

    [Fact]
    public void Apply_DeleteRrset_RemovesOnlyThatType()
    {
        var (r, z) = Run(Zone("h 300 A 192.0.2.1", "h 300 A 192.0.2.2", "h 300 TXT \"x\""), Update("h 0 ANY A"));

        Assert.Equal(RrOutcomeKind.Deleted, r.Outcomes[0].Kind);
        Assert.Equal(2, r.Outcomes[0].Count);
        Assert.Empty(Rrset(z, "h", RecordType.A));
        Assert.Single(Rrset(z, "h", RecordType.TXT));
    }

    [Fact]
    public void Apply_DeleteName_RemovesEveryType()
    {
        var (_, z) = Run(Zone("h 300 A 192.0.2.1", "h 300 TXT \"x\""), Update("h 0 ANY ANY"));

        Assert.False(z.NameInUse(DnsName.Parse("h", Origin)));
    }

    [Fact]
    public void Apply_DeleteNameAtApex_KeepsSoaAndNs()
    {
        var (r, z) = Run(Zone("@ 300 TXT \"apex\"", "@ 300 MX 10 mail"), Update("@ 0 ANY ANY"));

        Assert.Equal(RrOutcomeKind.Deleted, r.Outcomes[0].Kind);
        Assert.Equal([RecordType.NS, RecordType.SOA], z.TypesAt(Origin).Order());
    }

    [Theory]
    [InlineData("@ 0 ANY SOA")]
    [InlineData("@ 0 ANY NS")]
    [InlineData("@ 0 NONE SOA ns1 hostmaster 100 7200 900 1209600 300")]
    public void Apply_DeleteApexSoaOrNsRrset_IgnoredAsProtected(string update)
    {
        var (r, z) = Run(Zone(), Update(update));

        Assert.Equal(DnsRcode.NoError, r.Rcode);
        Assert.Equal(RrOutcomeKind.IgnoredProtected, r.Outcomes[0].Kind);
        Assert.False(r.Changed);
        Assert.Equal(2, Rrset(z, "@", RecordType.NS).Count);
    }

    [Fact]
    public void Apply_DeleteLastApexNs_Ignored()
    {
        var (r, z) = Run(Zone(), Update("@ 0 NONE NS ns1", "@ 0 NONE NS ns2"));

        Assert.Equal(RrOutcomeKind.Deleted, r.Outcomes[0].Kind);
        Assert.Equal(RrOutcomeKind.IgnoredProtected, r.Outcomes[1].Kind);
        Assert.Equal(["example.com.\t3600\tIN\tNS\tns2.example.com."], Rrset(z, "@", RecordType.NS));
    }

    [Fact]
    public void Apply_NonCnameAddAtCname_IgnoredWithNoError()
    {
        var (r, z) = Run(Zone("www 300 CNAME internal"), Update("www 300 A 192.0.2.5"));

        Assert.Equal(DnsRcode.NoError, r.Rcode);
        Assert.Equal(RrOutcomeKind.IgnoredCnameConflict, r.Outcomes[0].Kind);
        Assert.Empty(Rrset(z, "www", RecordType.A));
    }

    [Fact]
    public void Apply_CnameAddAtNameWithOtherData_Ignored()
    {
        var (r, z) = Run(Zone("www 300 A 192.0.2.5"), Update("www 300 CNAME internal"));

        Assert.Equal(RrOutcomeKind.IgnoredCnameConflict, r.Outcomes[0].Kind);
        Assert.Empty(Rrset(z, "www", RecordType.CNAME));
    }

    [Fact]
    public void Apply_CnameAddAtCname_ReplacesIt()
    {
        var (r, z) = Run(Zone("www 300 CNAME internal"), Update("www 60 CNAME external"));

        Assert.Equal(RrOutcomeKind.Replaced, r.Outcomes[0].Kind);
        Assert.Equal(["www.example.com.\t60\tIN\tCNAME\texternal.example.com."], Rrset(z, "www", RecordType.CNAME));
    }

    [Fact]
    public void Apply_TypeChangeInOneMessage_DeleteCnameThenAddA()
    {
        var (r, z) = Run(Zone("www 300 CNAME internal"), Update("www 0 NONE CNAME internal", "www 300 A 192.0.2.5"));

        Assert.Equal(RrOutcomeKind.Added, r.Outcomes[1].Kind);
        Assert.Single(Rrset(z, "www", RecordType.A));
    }
}
