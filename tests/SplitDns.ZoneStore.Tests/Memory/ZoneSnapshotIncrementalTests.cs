using System.Net;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.ZoneStore.Tests.Memory;

/// <summary>
/// <see cref="ZoneSnapshot.WithChanges"/> must build exactly the snapshot a full
/// <see cref="ZoneSnapshot.Create"/> of the same records builds: nodes, empty non-terminals,
/// wildcard links, occlusion, record order.
/// </summary>
public class ZoneSnapshotIncrementalTests
{
    // Owners that exercise empty non-terminals, wildcards (and a wildcard below a wildcard),
    // a literal "a-*" label, and names below a zone cut (glue, occluded).
    private static readonly string[] s_owners =
    [
        "example.", "www.example.", "a.b.c.example.", "b.c.example.", "c.example.", "x.a.b.c.example.",
        "*.example.", "*.c.example.", "sub.*.example.", "*.sub.*.example.", "a-*.example.", "a-*.c.example.",
        "ns.subdel.example.", "deep.ns.subdel.example.", "_ssh._tcp.host2.example.", "host2.example.",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void WithChanges_RandomChanges_EqualsFullBuild(int seed)
    {
        var rng = new Random(seed);
        ZoneSnapshot incremental = TestZones.Build(TestZones.Rfc4592, "example.");
        var records = incremental.Records.ToList();
        for (int step = 0; step < 150; step++)
        {
            var changed = new Dictionary<DnsName, List<ResourceRecord>>();
            int owners = rng.Next(1, 4);
            for (int i = 0; i < owners; i++)
            {
                DnsName owner = DnsName.Parse(s_owners[rng.Next(s_owners.Length)]);
                records.RemoveAll(r => r.Name.Equals(owner) && r.Type is RecordType.A or RecordType.TXT);
                int count = rng.Next(0, 3);
                for (int k = 0; k < count; k++)
                {
                    records.Add(new ResourceRecord(owner, 60, new ARdata(new IPAddress([192, 0, 2, (byte)rng.Next(256)]))));
                }

                changed[owner] = records.Where(r => r.Name.Equals(owner)).ToList();
            }

            incremental = incremental.WithChanges(changed)!;
            Assert.NotNull(incremental);
            Assert.True(incremental.HasSortedRecords, "the transfer order is merged, not left to a sort");
            AssertSameSnapshot(ZoneSnapshot.Create(incremental.Origin, records), incremental);
        }
    }

    [Fact]
    public void WithChanges_OwnerGone_DropsEmptyNonTerminalsUpToTheApex()
    {
        ZoneSnapshot zone = TestZones.Build(TestZones.Rfc4592, "example.");
        DnsName owner = DnsName.Parse("_ssh._tcp.host2.example.");

        ZoneSnapshot next = zone.WithChanges(new Dictionary<DnsName, List<ResourceRecord>> { [owner] = [] })!;

        Assert.False(next.TryGetNode(DnsName.Parse("_tcp.host2.example."), out _));
        Assert.False(next.TryGetNode(DnsName.Parse("host2.example."), out _));
        Assert.True(zone.TryGetNode(DnsName.Parse("host2.example."), out _), "the old snapshot must not change");
        Assert.Equal(LookupOutcome.Hit, next.Find(DnsName.Parse("host2.example."), RecordType.MX, out _, out _));
    }

    [Fact]
    public void WithChanges_NewWildcard_AnswersAndOldSnapshotUnchanged()
    {
        ZoneSnapshot zone = TestZones.Build(TestZones.Rfc4592, "example.");
        DnsName wildcard = DnsName.Parse("*.host1.example.");
        var rr = new ResourceRecord(wildcard, 60, new ARdata(IPAddress.Parse("192.0.2.9")));

        ZoneSnapshot next = zone.WithChanges(new Dictionary<DnsName, List<ResourceRecord>> { [wildcard] = [rr] })!;

        Assert.Equal(LookupOutcome.Hit, next.Find(DnsName.Parse("any.host1.example."), RecordType.A, out ZoneNode? match, out _));
        Assert.Equal(wildcard, match!.Name);
        Assert.Equal(LookupOutcome.NxDomain, zone.Find(DnsName.Parse("any.host1.example."), RecordType.A, out _, out _));
    }

    [Theory]
    [InlineData("newdel.example.", "NS", "ns.example.com.")]
    [InlineData("subdel.example.", "NS", null)]
    [InlineData("redirect.example.", "DNAME", "example.net.")]
    public void WithChanges_CutOrDnameMoves_ReturnsNullForAFullBuild(string owner, string type, string? rdata)
    {
        ZoneSnapshot zone = TestZones.Build(TestZones.Rfc4592, "example.");
        List<ResourceRecord> records = rdata is null ? [] : [TestZones.Record(owner, type, rdata)];

        Assert.Null(zone.WithChanges(new Dictionary<DnsName, List<ResourceRecord>> { [DnsName.Parse(owner)] = records }));
    }

    [Fact]
    public void WithChanges_CnameBesideData_Throws()
    {
        ZoneSnapshot zone = TestZones.Build(TestZones.Rfc4592, "example.");
        DnsName owner = DnsName.Parse("host1.example.");
        List<ResourceRecord> records = [.. zone.Records.Where(r => r.Name.Equals(owner)), TestZones.Record("host1.example.", "CNAME", "www.example.")];

        Assert.Throws<ArgumentException>(() => zone.WithChanges(new Dictionary<DnsName, List<ResourceRecord>> { [owner] = records }));
    }

    private static void AssertSameSnapshot(ZoneSnapshot expected, ZoneSnapshot actual)
    {
        Assert.Equal(expected.RecordCount, actual.RecordCount);
        Assert.Equal(expected.NodeCount, actual.NodeCount);
        Assert.Equal(expected.Records.Select(r => r.ToString()), actual.Records.Select(r => r.ToString()));
        foreach (ZoneNode e in expected.Nodes)
        {
            Assert.True(actual.TryGetNode(e.Name, out ZoneNode a), $"node {e.Name} missing");
            Assert.Equal(Describe(e), Describe(a));
        }
    }

    private static string Describe(ZoneNode n) =>
        $"{n.Name} apex={n.IsApex} cut={n.IsDelegation} occluded={n.IsOccluded} ent={n.IsEmptyNonTerminal} " +
        $"children={n.ChildCount} wildcard={n.WildcardChild?.Name} sets={string.Join(",", n.Rrsets.ToArray().Select(s => $"{s.Type}:{s.Count}"))}";
}
