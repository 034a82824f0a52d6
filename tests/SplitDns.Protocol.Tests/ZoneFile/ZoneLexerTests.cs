using SplitDns.Protocol.Records;
using SplitDns.Protocol.ZoneFile;

namespace SplitDns.Protocol.Tests.ZoneFile;

public class ZoneLexerTests
{
    private static List<ZoneEntrySnapshot> Lex(string text) => Lex(new StringReader(text));

    private static List<ZoneEntrySnapshot> Lex(TextReader text)
    {
        var lexer = new ZoneLexer(text);
        var entry = new ZoneEntry();
        var entries = new List<ZoneEntrySnapshot>();
        while (lexer.TryReadEntry(entry))
        {
            entries.Add(new ZoneEntrySnapshot([.. entry.Tokens], entry.OwnerOmitted, [.. entry.Faults.Select(f => $"{f.Line}:{f.Column}:{f.Message}")]));
        }

        return entries;
    }

    [Fact]
    public void TryReadEntry_PlainLine_TokensCarryLineAndColumn()
    {
        List<ZoneEntrySnapshot> entries = Lex("\n  \nwww  IN\tA 192.0.2.1 ; comment\n");

        ZoneEntrySnapshot entry = Assert.Single(entries);
        Assert.False(entry.OwnerOmitted);
        Assert.Equal(
            [new RdataToken("www", false, 3, 1), new RdataToken("IN", false, 3, 6), new RdataToken("A", false, 3, 9), new RdataToken("192.0.2.1", false, 3, 11)],
            entry.Tokens);
    }

    [Fact]
    public void TryReadEntry_ParenthesesAcrossLines_OneEntryWithoutComments()
    {
        List<ZoneEntrySnapshot> entries = Lex("@ SOA ns hm (\n  1 ; serial ( not a paren\n  2 3\n  4 5 )\nnext A 1.2.3.4\n");

        Assert.Equal(2, entries.Count);
        Assert.Equal(["@", "SOA", "ns", "hm", "1", "2", "3", "4", "5"], entries[0].Tokens.Select(t => t.Text));
        Assert.Equal(new RdataToken("5", false, 4, 5), entries[0].Tokens[^1]);
        Assert.Equal("next", entries[1].Tokens[0].Text);
    }

    [Fact]
    public void TryReadEntry_QuotedString_KeepsEscapesRawAndSemicolons()
    {
        ZoneEntrySnapshot entry = Assert.Single(Lex("t TXT \"a;b \\\" c\" \"\" x\\;y\n"));

        Assert.Equal(new RdataToken("a;b \\\" c", true, 1, 7), entry.Tokens[2]);
        Assert.Equal(new RdataToken(string.Empty, true, 1, 18), entry.Tokens[3]);
        Assert.Equal(new RdataToken("x\\;y", false, 1, 21), entry.Tokens[4]);
    }

    [Fact]
    public void TryReadEntry_LeadingBlank_OwnerOmitted()
    {
        List<ZoneEntrySnapshot> entries = Lex("www A 192.0.2.1\n\tAAAA ::1\n  ; only a comment\n");

        Assert.Equal(2, entries.Count);
        Assert.True(entries[1].OwnerOmitted);
        Assert.Equal(new RdataToken("AAAA", false, 2, 2), entries[1].Tokens[0]);
    }

    [Fact]
    public void TryReadEntry_DelimitersInsideAWord_SplitIt()
    {
        ZoneEntrySnapshot entry = Assert.Single(Lex("a(b)c\"d e\"f\n"));

        Assert.Equal(["a", "b", "c", "d e", "f"], entry.Tokens.Select(t => t.Text));
    }

    [Fact]
    public void TryReadEntry_UnclosedQuote_FaultAtQuoteThenNextLineReads()
    {
        List<ZoneEntrySnapshot> entries = Lex("t TXT \"open\nok A 192.0.2.1\n");

        Assert.Equal(["1:7:quoted string is not closed on its line"], entries[0].Faults);
        Assert.Equal("ok", entries[1].Tokens[0].Text);
    }

    [Fact]
    public void TryReadEntry_UnclosedParenthesisAtEnd_FaultAtParenthesis()
    {
        List<ZoneEntrySnapshot> entries = Lex("a A 1.2.3.4\nb MX ( 10\n mail\n");

        Assert.Equal(["2:6:'(' is never closed"], entries[^1].Faults);
    }

    [Fact]
    public void TryReadEntry_CrLfLineEnds_SameAsLf()
    {
        List<ZoneEntrySnapshot> entries = Lex("a A 192.0.2.1\r\n b TXT x\r\n");

        Assert.Equal(2, entries.Count);
        Assert.Equal(["a", "A", "192.0.2.1"], entries[0].Tokens.Select(t => t.Text));
        Assert.True(entries[1].OwnerOmitted);
    }

    [Fact]
    public void TryReadEntry_TokenLongerThanBuffer_ReadWhole()
    {
        string hex = new('a', 100_000);

        ZoneEntrySnapshot entry = Assert.Single(Lex($"x TYPE65000 \\# 50000 {hex}\n"));

        Assert.Equal(hex, entry.Tokens[^1].Text);
    }

    [Theory]
    [InlineData("escapes.valid.zone")]
    [InlineData("txt.valid.zone")]
    [InlineData("soa-multiline.valid.zone")]
    [InlineData("several.error.zone")]
    public void TryReadEntry_TextArrivingInSmallPieces_SameEntriesAsWhole(string fixture)
    {
        // Pieces of 1..7 chars put every token across a buffer refill (the slow path).
        string text = File.ReadAllText(ZoneFixtures.PathOf(fixture));

        List<ZoneEntrySnapshot> whole = Lex(text);
        List<ZoneEntrySnapshot> pieces = Lex(new TrickleReader(text));

        Assert.Equal(whole.Count, pieces.Count);
        for (int i = 0; i < whole.Count; i++)
        {
            Assert.Equal(whole[i].Tokens, pieces[i].Tokens);
            Assert.Equal(whole[i].OwnerOmitted, pieces[i].OwnerOmitted);
            Assert.Equal(whole[i].Faults, pieces[i].Faults);
        }
    }

    private sealed class TrickleReader(string text) : TextReader
    {
        private int _pos;

        public override int Read(char[] buffer, int index, int count)
        {
            int n = Math.Min(Math.Min(count, (_pos % 7) + 1), text.Length - _pos);
            text.CopyTo(_pos, buffer, index, n);
            _pos += n;
            return n;
        }
    }

    private sealed record ZoneEntrySnapshot(List<RdataToken> Tokens, bool OwnerOmitted, List<string> Faults);
}
