using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.ZoneStore.Updates;
using static SplitDns.ZoneStore.Tests.TestRecords;

namespace SplitDns.ZoneStore.Tests.Updates;

public sealed partial class UpdateProcessorTests
{
    [Fact]
    public void Apply_TtlZeroAndMultiStringTxt_StoredVerbatim()
    {
        var (_, z) = Run(Zone(), Update("t 0 TXT \"part one\" \"part two\""));

        WorkingRecord e = Assert.Single(z.GetRrset(DnsName.Parse("t", Origin), RecordType.TXT));
        Assert.Equal(0u, e.Record.Ttl);
        Assert.Equal(2, ((TxtRdata)e.Record.Data).Strings.Count);
    }

    [Fact]
    public void Apply_OwnerCase_PreservedAsReceived()
    {
        var (_, z) = Run(Zone(), Update("MyApp 300 A 192.0.2.1"));

        WorkingRecord e = Assert.Single(z.GetRrset(DnsName.Parse("myapp", Origin), RecordType.A));
        Assert.Equal("MyApp.example.com.", e.Record.Name.ToString());
    }

    [Theory]
    [InlineData("* 300 A 192.0.2.58")]
    [InlineData("a-* 0 TXT \"heritage=external-dns\"")]
    public void Apply_WildcardAndOddLabels_StoredLiterally(string update)
    {
        var (r, z) = Run(Zone(), Update(update));

        Assert.Equal(DnsRcode.NoError, r.Rcode);
        Assert.True(z.NameInUse(Rr(update).Name));
    }

    [Fact]
    public void Apply_AddWithNewTtl_WholeRrsetTakesIt()
    {
        var (r, z) = Run(Zone("www 300 A 192.0.2.1"), Update("www 60 A 192.0.2.2"));

        Assert.All(z.GetRrset(DnsName.Parse("www", Origin), RecordType.A), e => Assert.Equal(60u, e.Record.Ttl));
        Assert.Contains(r.Deleted, x => x.Type == RecordType.A && x.Ttl == 300);
    }

    [Fact]
    public void Apply_UnixTimeSerial_JumpsToNow()
    {
        var (r, _) = Run(Zone(), Update("www 300 A 192.0.2.1"), settings: new UpdateSettings(SerialStyle.UnixTime));

        Assert.Equal((uint)s_now.ToUnixTimeSeconds(), r.NewSerial);
    }

    [Fact]
    public void Apply_IncrementSetting_AddsIt()
    {
        var (r, _) = Run(Zone(), Update("www 300 A 192.0.2.1"), settings: new UpdateSettings(SerialStyle.Increment, 10));

        Assert.Equal(110u, r.NewSerial);
    }

    [Fact]
    public void SerialNext_AtWrap_SkipsZero()
    {
        Assert.Equal(1u, SerialArithmetic.Next(uint.MaxValue, SerialStyle.Increment, 1, s_now));
        Assert.True(SerialArithmetic.IsNewer(1, uint.MaxValue));
        Assert.False(SerialArithmetic.IsNewer(uint.MaxValue, 1));
    }

    [Fact]
    public void Apply_ExplicitNewerSoa_UsedWithoutExtraBump()
    {
        var (r, z) = Run(Zone(), Update("@ 3600 SOA ns1 hostmaster 500 7200 900 1209600 300", "www 300 A 192.0.2.1"));

        Assert.Equal(RrOutcomeKind.SoaReplaced, r.Outcomes[0].Kind);
        Assert.Equal(500u, z.SoaData.Serial);
    }

    [Fact]
    public void Apply_OlderSoa_Ignored()
    {
        var (r, z) = Run(Zone(), Update("@ 3600 SOA ns1 hostmaster 50 7200 900 1209600 300"));

        Assert.Equal(RrOutcomeKind.IgnoredSoa, r.Outcomes[0].Kind);
        Assert.Equal(100u, z.SoaData.Serial);
        Assert.False(r.Changed);
    }

    [Fact]
    public void Apply_RandomAddDeleteSequences_DiffReplaysToSameZone()
    {
        // Property: applying Deleted then Added to the original zone gives the updated zone.
        var rng = new Random(1234);
        for (int round = 0; round < 200; round++)
        {
            var updates = new List<string>();
            for (int i = 0; i < rng.Next(1, 8); i++)
            {
                string owner = "h" + rng.Next(3);
                string addr = "192.0.2." + rng.Next(4);
                updates.Add(rng.Next(3) switch
                {
                    0 => $"{owner} {rng.Next(2) * 60} A {addr}",
                    1 => $"{owner} 0 NONE A {addr}",
                    _ => $"{owner} 0 ANY A",
                });
            }

            List<ResourceRecord> start = Zone("h0 60 A 192.0.2.1", "h1 0 A 192.0.2.2");
            var (r, z) = Run(start, Update(updates.ToArray()));
            Assert.Equal(DnsRcode.NoError, r.Rcode);

            var replay = new ZoneWorkingSet(Origin, start);
            foreach (ResourceRecord d in r.Deleted.Where(x => x.Type != RecordType.SOA))
            {
                Assert.True(replay.Remove(d.Name, d.Type, d.Data));
            }

            foreach (ResourceRecord a in r.Added.Where(x => x.Type != RecordType.SOA))
            {
                replay.Add(a);
            }

            Assert.Equal(Canon(z.ToRecords()), Canon(replay.ToRecords()));
        }
    }

    private static List<string> Canon(List<ResourceRecord> rrs) =>
        rrs.Where(r => r.Type != RecordType.SOA).Select(r => r.ToString().ToLowerInvariant()).Order().ToList();
}
