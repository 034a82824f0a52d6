using FsCheck;
using FsCheck.Fluent;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.ZoneFile;

namespace SplitDns.Protocol.Tests.ZoneFile;

public partial class ZoneFileReaderTests
{
    [Fact]
    public void Parse_RandomZoneLikeText_NeverThrowsAndErrorsHavePositions()
    {
        string[] pieces =
        [
            "a", "www", "@", "*", "1.2.3.4", "::1", "300", "1h", "IN", "CH", "A", "AAAA", "MX", "TXT", "SOA", "CNAME",
            "TYPE65000", "CLASS1", "\\#", "0", "4", "0a000001", "$TTL", "$ORIGIN", "$INCLUDE", "x.", "a..b", "\\", "\\0",
            "\\255", "\\999", " ", " ", "\t", "\n", "\n", ";", "(", ")", "\"", "\"a b\"", "\r\n", "€",
        ];
        Gen<string> text = Gen.Elements(pieces).ArrayOf().Select(string.Concat);

        Prop.ForAll(text.ToArbitrary(), zone =>
        {
            ZoneParseResult result = ZoneFileParser.ParseText(zone, "fuzz.zone", s_origin, new ZoneParseOptions { AllowInclude = false, DefaultTtl = 1 });
            return result.Errors.All(e => e.File == "fuzz.zone" && e.Line >= 1 && e.Column >= 1);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Parse_EveryPrefixOfAFixture_NeverThrows()
    {
        // A file cut off anywhere (a half-written upload) is an error, never a crash.
        string text = File.ReadAllText(ZoneFixtures.PathOf("soa-multiline.valid.zone"));
        for (int length = 0; length <= text.Length; length += 3)
        {
            ZoneParseResult result = ZoneFileParser.ParseText(text[..length], "cut.zone", DnsName.Parse("example.org."));
            Assert.All(result.Errors, e => Assert.True(e.Line >= 1));
        }
    }
}
