using SplitDns.Protocol.Names;
using SplitDns.Protocol.ZoneFile;

namespace SplitDns.Protocol.Tests.ZoneFile;

/// <summary>Broken files: every error names the right file:line:column, and BIND refuses them too.</summary>
public class ZoneFileErrorTests
{
    // file, then "errorFile:line:column:fragment" for each expected error, in order.
    public static TheoryData<string, string[]> BrokenFiles => new()
    {
        { "bad-ttl.error.zone", ["bad-ttl.error.zone:5:9:invalid TTL '1x'", "bad-ttl.error.zone:6:9:invalid TTL '1h30'"] },
        { "unknown-type.error.zone", ["unknown-type.error.zone:5:17:unknown type 'FOO'"] },
        { "bad-ipv4.error.zone", ["bad-ipv4.error.zone:5:17:invalid IPv4 address '192.0.2.256'"] },
        { "unterminated-quote.error.zone", ["unterminated-quote.error.zone:5:17:quoted string is not closed"] },
        { "unbalanced-paren.error.zone", ["unbalanced-paren.error.zone:6:17:'(' is never closed"] },
        { "extra-paren.error.zone", ["extra-paren.error.zone:5:27:')' without a matching '('"] },
        { "label-too-long.error.zone", ["label-too-long.error.zone:5:1:label longer than 63 octets"] },
        { "name-too-long.error.zone", ["name-too-long.error.zone:5:17:longer than 255 octets"] },
        { "include-cycle.error.zone", ["include-cycle-b.inc:2:10:$INCLUDE cycle"] },
        { "missing-include.error.zone", ["missing-include.error.zone:5:10:no such file"] },
        { "bad-ddd.error.zone", ["bad-ddd.error.zone:5:1:\\DDD escape above 255", "bad-ddd.error.zone:6:22:\\DDD escape needs three digits"] },
        {
            "several.error.zone",
            [
                "several.error.zone:5:17:invalid IPv4 address",
                "several.error.zone:7:17:AAAA",
                "several.error.zone:8:17:invalid MX preference 'ten'",
                "several.error.zone:10:17:quoted string is not closed",
                "several.error.zone:11:9:unknown type 'BOGUS'",
                "several.error.zone:12:9:invalid TTL '1y'",
                "several.error.zone:14:9:empty label",
                "several.error.zone:15:1:unknown or unsupported directive '$FROB'",
                "several.error.zone:16:17:empty label",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void Parse_BrokenFixture_ReportsEveryErrorWithPosition(string file, string[] expected)
    {
        ZoneParseResult result = ZoneFixtures.Parse(file, "example.com");

        Assert.Equal(expected.Length, result.Errors.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            string[] parts = expected[i].Split(':', 4);
            ZoneFileError error = result.Errors[i];
            Assert.Equal(parts[0], Path.GetFileName(error.File));
            Assert.Equal(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), error.Line);
            Assert.Equal(int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), error.Column);
            Assert.Contains(parts[3], error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void NamedCheckzone_BrokenFixture_AlsoRejects(string file, string[] expected)
    {
        Assert.NotEmpty(expected);

        (int exit, _, _) = ZoneFixtures.NamedCheckzone("example.com", file);

        Assert.NotEqual(0, exit);
    }

    [Fact]
    public void Parse_SeveralErrors_KeepsTheGoodRecords()
    {
        ZoneParseResult result = ZoneFixtures.Parse("several.error.zone", "example.com");

        string[] owners = result.Records.Select(r => r.Name.ToString()).ToArray();
        Assert.Equal(
            ["example.com.", "example.com.", "ns1.example.com.", "good1.example.com.", "good2.example.com.", "good3.example.com.", "good4.example.com."],
            owners);
    }

    [Fact]
    public void ToString_Error_IsFileLineColumnReason()
    {
        ZoneParseResult result = ZoneFixtures.Parse("bad-ipv4.error.zone", "example.com");

        string text = result.Errors[0].ToString();

        Assert.EndsWith("bad-ipv4.error.zone:5:17: A: invalid IPv4 address '192.0.2.256'", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingTopFile_ReportsFileWithoutThrowing()
    {
        ZoneParseResult result = ZoneFileParser.Parse(ZoneFixtures.PathOf("does-not-exist.zone"), DnsName.Parse("example.com."));

        ZoneFileError error = Assert.Single(result.Errors);
        Assert.Contains("no such file", error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Records);
    }
}
