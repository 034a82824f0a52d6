using System.Text.RegularExpressions;
using SplitDns.Integration.Tests.Infrastructure;

namespace SplitDns.Integration.Tests.Server;

/// <summary>DNS cookies (RFC 7873, RFC 9018 server cookies) with dig and kdig.</summary>
public sealed partial class CookieTests(CookieServerFixture server) : IClassFixture<CookieServerFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ClientCookie_GetsAServerCookie_AndEchoingItIsGood(bool tcp)
    {
        DigResult first = server.Dig.Query("+cookie host1.example A", tcp);
        Match m = CookieRegex().Match(first.Output);
        Assert.True(m.Success, first.Output);
        Assert.Equal("good", m.Groups[2].Value);
        string cookie = m.Groups[1].Value;
        Assert.Equal("01000000", cookie.Substring(16, 8)); // RFC 9018: version 1, reserved 0

        DigResult second = server.Dig.Query($"+cookie={cookie} host1.example A", tcp);

        Assert.Equal("NOERROR", second.Status);
        Match again = CookieRegex().Match(second.Output);
        Assert.True(again.Success, second.Output);
        Assert.Equal(cookie[..16], again.Groups[1].Value[..16]);
        Assert.Equal(["host1.example. 3600 IN A 192.0.2.1"], second.Answer);
    }

    [Fact]
    public void Kdig_Cookie_GetsAServerCookie()
    {
        DigResult r = server.Dig.KQuery("+cookie host1.example A");

        Assert.Equal("NOERROR", r.Status);
        Assert.Matches(@"COOKIE: [0-9a-fA-F]{16} ?[0-9a-fA-F]{32}", r.Output);
    }

    [Fact]
    public void NoCookie_NoCookieInReply()
    {
        DigResult r = server.Dig.Query("+nocookie host1.example A");

        Assert.Equal("NOERROR", r.Status);
        Assert.DoesNotContain("COOKIE:", r.Output);
    }

    [Theory]
    [InlineData("0102030405")]
    [InlineData("0102030405060708090a0b0c")]
    public void MalformedCookie_FormErrWithEde(string option)
    {
        DigResult r = server.Dig.Query($"+nocookie +ednsopt=10:{option} host1.example A");

        Assert.Equal("FORMERR", r.Status);
        Assert.Equal(["0"], r.Ede);
        Assert.Contains("malformed OPT record", r.Output);
    }

    [Fact]
    public void ForgedServerCookie_TreatedAsClientOnly_AnsweredWithANewCookie()
    {
        const string forged = "0011223344556677" + "01000000" + "5cf79f11" + "1f8130c3eee29480";

        DigResult r = server.Dig.Query($"+cookie={forged} host1.example A");

        Assert.Equal("NOERROR", r.Status);
        Match m = CookieRegex().Match(r.Output);
        Assert.True(m.Success, r.Output);
        Assert.NotEqual(forged, m.Groups[1].Value);
        Assert.Equal(["host1.example. 3600 IN A 192.0.2.1"], r.Answer);
    }

    [GeneratedRegex(@"COOKIE: ([0-9a-f]{48}) \((good|echoed)\)")]
    private static partial Regex CookieRegex();
}
