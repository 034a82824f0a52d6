using System.Text;
using SplitDns.Blocking.Parsing;

namespace SplitDns.Blocking.Tests.Parsing;

/// <summary>Every list format: rules, comments (not invalid), invalid lines with their numbers and reasons.</summary>
public sealed partial class ListParserTests
{
    private static (ParsedList Parsed, BlockingIndex Index) Parse(string text, BlocklistFormat format = BlocklistFormat.Auto)
    {
        ParsedList parsed = ListParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(text)), format, list: 0);
        return (parsed, parsed.Entries.Build());
    }

    private static bool Blocks(BlockingIndex index, string name) => index.Match(Fakes.Wire.Name(name), 1, 0).IsBlocked;

    [Fact]
    public void Parse_HostsFile_BlocksEveryNameAndSkipsLocalNames()
    {
        const string text = """
            # Title: a hosts file
            127.0.0.1 localhost
            127.0.0.1 localhost.localdomain
            ::1 ip6-localhost ip6-loopback
            255.255.255.255 broadcasthost
            0.0.0.0 0.0.0.0

            0.0.0.0 ads.example
            127.0.0.1 a.example b.example	c.example
            ::1 v6.example # trailing comment
            0.0.0.0 Mixed.CASE.Example.
            """;

        (ParsedList parsed, BlockingIndex index) = Parse(text, BlocklistFormat.Hosts);

        Assert.Equal(0, parsed.InvalidLines);
        Assert.Equal(6, parsed.Count);
        Assert.Equal(6, index.Count);
        Assert.All(new[] { "ads.example", "a.example", "b.example", "c.example", "v6.example", "mixed.case.example" }, n => Assert.True(index.Contains(n), n));
        Assert.False(index.Contains("localhost"));
        Assert.False(index.Contains("broadcasthost"));
        Assert.True(Blocks(index, "sub.ads.example"));
    }

    [Fact]
    public void Parse_HostsFile_InvalidLines_ReportedWithLineNumbers()
    {
        const string text = "0.0.0.0 good.example\nnot-an-ip bad.example\n0.0.0.0\n0.0.0.0 ok.example bad_name!.example\n0.0.0.0 1.2.3.4\n";

        (ParsedList parsed, BlockingIndex index) = Parse(text, BlocklistFormat.Hosts);

        Assert.Equal(4, parsed.InvalidLines);
        Assert.Equal([2, 3, 4, 5], parsed.Problems.Select(p => p.Line));
        Assert.Contains("not a hosts line", parsed.Problems[0].Reason);
        Assert.Contains("without a name", parsed.Problems[1].Reason);
        Assert.Contains("invalid character '!'", parsed.Problems[2].Reason);
        Assert.Contains("IP address", parsed.Problems[3].Reason);
        Assert.True(index.Contains("ok.example")); // the good name of a mixed line is kept
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void Parse_Domains_WildcardBlocksSubdomainsOnly()
    {
        const string text = "# domains\nplain.example\n*.wild.example\n\n  spaced.example  \ntwo names.example\n*bad.example\n";

        (ParsedList parsed, BlockingIndex index) = Parse(text, BlocklistFormat.Domains);

        Assert.True(Blocks(index, "plain.example"));
        Assert.True(Blocks(index, "x.plain.example"));
        Assert.False(Blocks(index, "wild.example"));
        Assert.True(Blocks(index, "x.wild.example"));
        Assert.True(Blocks(index, "spaced.example"));
        Assert.Equal([6, 7], parsed.Problems.Select(p => p.Line));
        Assert.Contains("more than one name", parsed.Problems[0].Reason);
    }

    [Fact]
    public void Parse_AdBlock_DomainRulesExceptionsAndBrowserRules()
    {
        const string text = """
            [Adblock Plus 2.0]
            ! Title: rules
            ||ads.example^
            ||important.example^$important
            ||all.example^$all
            ||pipe.example^|
            @@||ok.ads.example^
            ||*.wild.example^
            @@||*.okwild.example^
            ||path.example/ads.js
            /banner[0-9]+/
            example.com##.ad-banner
            ||third.example^$third-party
            |http://single.example^
            ||noanchor.example
            # a comment
            """;

        (ParsedList parsed, BlockingIndex index) = Parse(text, BlocklistFormat.AdBlock);

        Assert.True(Blocks(index, "x.ads.example"));
        Assert.True(Blocks(index, "important.example"));
        Assert.True(Blocks(index, "all.example"));
        Assert.True(Blocks(index, "pipe.example"));
        Assert.False(Blocks(index, "ok.ads.example"));
        Assert.True(index.Match(Fakes.Wire.Name("deep.ok.ads.example"), 1, 0).IsAllowed);
        Assert.False(Blocks(index, "wild.example"));
        Assert.True(Blocks(index, "a.wild.example"));
        Assert.Equal([10, 11, 12, 13, 14, 15], parsed.Problems.Select(p => p.Line));
        Assert.Contains("path", parsed.Problems[0].Reason);
        Assert.Contains("regular expression", parsed.Problems[1].Reason);
        Assert.Contains("cosmetic", parsed.Problems[2].Reason);
        Assert.Contains("$third-party", parsed.Problems[3].Reason);
        Assert.Contains("not a domain rule", parsed.Problems[4].Reason);
        Assert.Contains("not a domain rule", parsed.Problems[5].Reason);
    }

    [Fact]
    public void Parse_Auto_RecognisesEachLine()
    {
        const string text = "! adblock comment\n# hosts comment\n0.0.0.0 hosts.example\n||adblock.example^\nplain.example\n*.wild.example\n@@||ok.plain.example^\nthis line is not a hosts line!\n";

        (ParsedList parsed, BlockingIndex index) = Parse(text);

        Assert.True(Blocks(index, "hosts.example"));
        Assert.True(Blocks(index, "adblock.example"));
        Assert.True(Blocks(index, "plain.example"));
        Assert.True(Blocks(index, "a.wild.example"));
        Assert.False(Blocks(index, "ok.plain.example"));
        ListProblem problem = Assert.Single(parsed.Problems);
        Assert.Equal(8, problem.Line);
        Assert.Equal(1, parsed.InvalidLines);
    }

    [Fact]
    public void Parse_CrLfAndBom_AreHandled()
    {
        (ParsedList parsed, BlockingIndex index) = Parse("\uFEFFfirst.example\r\nsecond.example\r\n");

        Assert.Equal(0, parsed.InvalidLines);
        Assert.True(index.Contains("first.example"));
        Assert.True(index.Contains("second.example"));
    }

    [Fact]
    public void Parse_DuplicateNames_CountOnce()
    {
        (ParsedList parsed, _) = Parse("dup.example\nDUP.example\n0.0.0.0 dup.example.\n");

        Assert.Equal(1, parsed.Count);
    }

    [Fact]
    public void Parse_VeryLongLine_IsInvalidAndParsingGoesOn()
    {
        string text = "before.example\n" + new string('a', LineReader.MaxLineLength + 10) + "\nafter.example\n";

        (ParsedList parsed, BlockingIndex index) = Parse(text);

        Assert.Equal(2, Assert.Single(parsed.Problems).Line);
        Assert.True(index.Contains("before.example"));
        Assert.True(index.Contains("after.example"));
    }

    [Fact]
    public void Parse_ManyInvalidLines_KeepsTheFirstHundred()
    {
        string text = string.Concat(Enumerable.Range(0, 250).Select(i => "bad line " + i + "\n"));

        (ParsedList parsed, _) = Parse(text);

        Assert.Equal(250, parsed.InvalidLines);
        Assert.Equal(BlocklistState.MaxProblems, parsed.Problems.Count);
        Assert.Equal(100, parsed.Problems[^1].Line);
    }
}
