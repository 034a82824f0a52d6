using SplitDns.Protocol.Wire;
using SplitDns.ZoneStore.Updates;
using static SplitDns.ZoneStore.Tests.TestRecords;

namespace SplitDns.ZoneStore.Tests.Updates;

/// <summary>The working set of an update the mass-deletion guard refused goes back exactly as it was.</summary>
public sealed class ZoneWorkingSetDiscardTests
{
    [Fact]
    public void DiscardChanges_AfterDeletesAddsAndSerialBump_SameRecordsAndNoDiff()
    {
        var set = new ZoneWorkingSet(Origin, Zone("www 300 A 192.0.2.80", "www 300 A 192.0.2.81"));
        List<string> before = set.ToRecords().Select(r => r.ToString()).Order(StringComparer.Ordinal).ToList();
        var policy = new ZoneUpdatePolicy([new UpdateGrant("k.", [NamePattern.Parse("**", Origin)], [], [])]);
        DnsMessage update = Update("www 0 ANY A", "ns2 0 NONE A 192.0.2.2", "new 300 A 192.0.2.99", "www 300 TXT \"x\"");

        UpdateResult r = new UpdateProcessor(new UpdateSettings()).Apply(update, set, policy, "k.", System.Net.IPAddress.Loopback, DateTimeOffset.UtcNow);
        Assert.Equal(DnsRcode.NoError, r.Rcode);
        Assert.True(r.Changed);

        set.DiscardChanges();

        Assert.Equal(before, set.ToRecords().Select(x => x.ToString()).Order(StringComparer.Ordinal).ToList());
        var (deleted, added) = set.Diff();
        Assert.Empty(deleted);
        Assert.Empty(added);
        Assert.Equal(r.OldSerial, set.SoaData.Serial);
    }
}
