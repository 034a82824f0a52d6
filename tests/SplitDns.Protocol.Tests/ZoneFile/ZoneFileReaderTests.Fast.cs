using System.Net;
using System.Net.Sockets;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.ZoneFile;

namespace SplitDns.Protocol.Tests.ZoneFile;

/// <summary>
/// The large-zone fast paths of the reader (owners kept as characters, not strings; A RDATA
/// read without IPAddress) give the same records and the same errors as the general path.
/// </summary>
public class ZoneFileReaderFastPathTests
{
    private static readonly DnsName Origin = DnsName.Parse("example.");

    [Theory]
    [InlineData("192.0.2.1")]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("10.0.0.9")]
    [InlineData("010.0.0.1")]
    [InlineData("0x0a.0.0.1")]
    [InlineData("256.1.1.1")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("1..2.3")]
    [InlineData("1.2.3.")]
    [InlineData("1234.0.0.1")]
    [InlineData("1.2.3.4x")]
    [InlineData("::1")]
    public void Parse_ARecord_SameAsIPAddressTryParse(string address)
    {
        ZoneParseResult result = ZoneFileParser.ParseText($"$TTL 60\nwww A {address}\n", "t.zone", Origin);

        bool framework = IPAddress.TryParse(address, out IPAddress? ip) && ip.AddressFamily == AddressFamily.InterNetwork
            && address.Count(c => c == '.') == 3;
        if (framework)
        {
            Assert.Empty(result.Errors);
            ResourceRecord rr = Assert.Single(result.Records);
            Assert.Equal(ip, ((ARdata)rr.Data).Address);
        }
        else
        {
            Assert.Empty(result.Records);
            ZoneFileError error = Assert.Single(result.Errors);
            Assert.Equal($"t.zone:2:7: A: invalid IPv4 address '{address}'", error.ToString());
        }
    }

    [Fact]
    public void Parse_ManyOwners_EachRecordHasItsOwnName()
    {
        ZoneParseResult result = ZoneFileParser.ParseText(
            "$TTL 60\na A 192.0.2.1\nb.c A 192.0.2.2\n  TXT \"same owner\"\nwww.example. A 192.0.2.3\n@ A 192.0.2.4\n", "t.zone", Origin);

        Assert.Empty(result.Errors);
        Assert.Equal(
            ["a.example.", "b.c.example.", "b.c.example.", "www.example.", "example."],
            result.Records.Select(r => r.Name.ToString()));
        Assert.Equal(RecordType.TXT, result.Records[2].Type);
    }

    [Fact]
    public void Parse_BadOwner_ErrorNamesItsTextAndPosition()
    {
        string label = new('x', 64);
        ZoneParseResult result = ZoneFileParser.ParseText($"$TTL 60\nok A 192.0.2.1\n{label} A 192.0.2.2\n  A 192.0.2.3\nafter A 192.0.2.4\n", "t.zone", Origin);

        ZoneFileError error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Line);
        Assert.Equal(1, error.Column);
        Assert.StartsWith($"invalid owner name '{label}': ", error.Message);
        Assert.Equal(["ok.example.", "after.example."], result.Records.Select(r => r.Name.ToString()));
    }

    [Fact]
    public void Parse_OwnerAlone_MissingTypeAtTheOwner()
    {
        ZoneParseResult result = ZoneFileParser.ParseText("$TTL 60\nlonely\n", "t.zone", Origin);

        Assert.Equal("t.zone:2:1: missing type", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void TryReadEntry_DeferOwners_OwnerAsCharactersAndTokenKeepsPosition()
    {
        var lexer = new ZoneLexer(new StringReader("www A 192.0.2.1\n  A 192.0.2.2\n$TTL 5\nw\\046x A 192.0.2.3\n")) { DeferOwners = true };
        var entry = new ZoneEntry();

        Assert.True(lexer.TryReadEntry(entry));
        Assert.True(entry.OwnerDeferred);
        Assert.Equal("www", entry.OwnerText.ToString());
        Assert.Equal(new RdataToken(string.Empty, false, 1, 1), entry.Tokens[0]);
        Assert.Equal("A", entry.Tokens[1].Text);

        Assert.True(lexer.TryReadEntry(entry));
        Assert.True(entry.OwnerOmitted);
        Assert.False(entry.OwnerDeferred);
        Assert.Equal("A", entry.Tokens[0].Text);

        Assert.True(lexer.TryReadEntry(entry));
        Assert.False(entry.OwnerDeferred);
        Assert.Equal("$TTL", entry.Tokens[0].Text);

        // An escape takes the general path: the token has its text.
        Assert.True(lexer.TryReadEntry(entry));
        Assert.False(entry.OwnerDeferred);
        Assert.Equal("w\\046x", entry.Tokens[0].Text);
    }
}
