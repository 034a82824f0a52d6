using System.Net;
using FsCheck;
using FsCheck.Fluent;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.ZoneFile;

namespace SplitDns.Protocol.Tests.ZoneFile;

public class ZoneFileWriterTests
{
    [Theory]
    [MemberData(nameof(ZoneFileBindAgreementTests.ValidFiles), MemberType = typeof(ZoneFileBindAgreementTests))]
    public void Write_ValidFixture_ReparsesToIdenticalRecords(string file, string origin)
    {
        ZoneParseResult first = ZoneFixtures.Parse(file, origin);
        Assert.Empty(first.Errors);

        string text = ZoneFileWriter.ToText(first.Records);
        ZoneParseResult second = ZoneFileParser.ParseText(text, "written.zone", null);

        Assert.Empty(second.Errors);
        Assert.Equal(ExactKeys(first.Records), ExactKeys(second.Records));
    }

    [Fact]
    public void Write_SmallZone_SoaFirstThenCanonicalOrderOneRecordPerLine()
    {
        const string zone = """
            $ORIGIN example.com.
            $TTL 60
            b       A       192.0.2.2
            @       NS      ns
            a       TXT     "x y"
            @       SOA     ns hostmaster 1 2 3 4 5
            a       A       192.0.2.1
            Z.a     A       192.0.2.3
            """;
        ZoneParseResult parsed = ZoneFileParser.ParseText(zone, "small.zone", null);

        string text = ZoneFileWriter.ToText(parsed.Records);

        Assert.Equal(
            "example.com.\t60\tIN\tSOA\tns.example.com. hostmaster.example.com. 1 2 3 4 5\n"
            + "example.com.\t60\tIN\tNS\tns.example.com.\n"
            + "a.example.com.\t60\tIN\tA\t192.0.2.1\n"
            + "a.example.com.\t60\tIN\tTXT\t\"x y\"\n"
            + "Z.a.example.com.\t60\tIN\tA\t192.0.2.3\n"
            + "b.example.com.\t60\tIN\tA\t192.0.2.2\n",
            text);
    }

    [Fact]
    public void Write_RandomRecords_ReparseToIdenticalRecords()
    {
        Prop.ForAll(RecordsArb(), records =>
        {
            string text = ZoneFileWriter.ToText(records);
            ZoneParseResult back = ZoneFileParser.ParseText(text, "random.zone", DnsName.Parse("unrelated.origin."));
            return back.Errors.Count == 0 && ExactKeys(records).SequenceEqual(ExactKeys(back.Records));
        }).QuickCheckThrowOnFailure();
    }

    /// <summary>Byte-exact identity: owner case, TTL, class, type and RDATA as written.</summary>
    private static List<string> ExactKeys(IEnumerable<ResourceRecord> records) =>
        records.Select(r => $"{Convert.ToHexString(r.Name.Wire)} {r.Ttl} {r.Class} {r.Type} {Convert.ToHexString(r.Data.ToWire())}")
            .Order(StringComparer.Ordinal).ToList();

    private static Arbitrary<ResourceRecord[]> RecordsArb()
    {
        // Four labels of at most 40 stay under 255 octets. Bytes that need escaping in names and strings sit beside plain ones.
        byte[] alphabet = "aZ09-_*.\\\"();@$ \t"u8.ToArray().Concat(new byte[] { 0, 1, 127, 128, 255 }).ToArray();
        Gen<byte[]> label = Gen.Elements(alphabet).ArrayOf().Where(l => l.Length is > 0 and <= 40);
        Gen<DnsName> name = label.ListOf().Where(l => l.Count <= 4).Select(labels =>
        {
            DnsName n = DnsName.Parse("example.com.");
            foreach (byte[] l in labels)
            {
                n = n.Prepend(l);
            }

            return n;
        });
        Gen<byte[]> bytes = Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf();
        Gen<Rdata> data = Gen.OneOf(
            Gen.Choose(int.MinValue, int.MaxValue).Select(v => (Rdata)new ARdata(new IPAddress(BitConverter.GetBytes(v)))),
            Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(16).Select(a => (Rdata)new AaaaRdata(new IPAddress(a))),
            Gen.Zip(Gen.Choose(0, 65535), name).Select(t => (Rdata)new MxRdata((ushort)t.Item1, t.Item2)),
            name.Select(n => (Rdata)new CnameRdata(n)),
            bytes.Where(b => b.Length <= 255).NonEmptyListOf().Select(l => (Rdata)new TxtRdata(l.ToList())),
            Gen.Zip(Gen.Choose(65280, 65534), bytes).Select(t => (Rdata)new UnknownRdata((RecordType)t.Item1, t.Item2)));
        // One TTL per type: members of an RRset share it (the reader unifies them, RFC 2181 §5.2).
        Gen<ResourceRecord> record =
            from owner in name
            from rdata in data
            select new ResourceRecord(owner, (uint)(1_000_000 + (ushort)rdata.Type), rdata);
        return record.ArrayOf().Where(a => a.Length <= 30).ToArbitrary();
    }
}
