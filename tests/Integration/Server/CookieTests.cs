using System.Text.RegularExpressions;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Server.Metrics;

namespace SplitDns.Integration.Tests.Server;

/// <summary>
/// DNS cookies (RFC 7873, RFC 9018 server cookies) with dig and kdig, not enforced: a bad or
/// expired server cookie is answered (with a new cookie) and counted (splitdns_cookies_total).
/// </summary>
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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Kdig_EchoedServerCookie_Answered(bool tcp)
    {
        string cookie = TestCookies.Build(server.Address, 0);

        DigResult r = server.Dig.KQuery($"-b {server.Address} +cookie={cookie} host1.example A", tcp);

        Assert.Equal("NOERROR", r.Status);
        Assert.Matches(@"host1\.example\.\s+3600\s+IN\s+A\s+192\.0\.2\.1", r.Output);
        Assert.Matches($"(?i)COOKIE: {TestCookies.ClientHex} ?01000000[0-9a-f]{{24}}", r.Output); // kdig prints upper case
    }

    [Fact]
    public void NoCookie_NoCookieInReply()
    {
        DigResult r = server.Dig.Query("+nocookie host1.example A");

        Assert.Equal("NOERROR", r.Status);
        Assert.DoesNotContain("COOKIE:", r.Output);
    }

    /// <summary>RFC 7873 §5.2.2: an option of 1..7, 9..15 or over 40 octets is malformed.</summary>
    [Theory]
    [InlineData("0102030405", false)]
    [InlineData("0102030405060708090a0b0c", false)]
    [InlineData("0102030405060708090a0b0c0d0e0f", false)]
    [InlineData("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2021222324252627" + "2829", false)]
    [InlineData("0102030405060708090a0b0c", true)]
    public void MalformedCookie_FormErrWithEde(string option, bool tcp)
    {
        DigResult r = server.Dig.Query($"+nocookie +ednsopt=10:{option} host1.example A", tcp);

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

    [Fact]
    public void ExpiredServerCookie_AnsweredWithAFreshCookie_AndCountedBad()
    {
        string expired = TestCookies.Build(server.Address, 2 * 3600);
        double bad = CookieCount("bad");

        DigResult r = server.Dig.Query($"-b {server.Address} +cookie={expired} host1.example A");

        Assert.Equal("NOERROR", r.Status);
        Assert.Equal(["host1.example. 3600 IN A 192.0.2.1"], r.Answer);
        Match m = CookieRegex().Match(r.Output);
        Assert.True(m.Success, r.Output);
        Assert.Equal(TestCookies.ClientHex, m.Groups[1].Value[..16]);
        Assert.NotEqual(expired, m.Groups[1].Value);
        Assert.Equal(bad + 1, CookieCount("bad"));
    }

    [Fact]
    public void CookieResults_CountedValidNewAndBad()
    {
        double valid = CookieCount("valid");
        double fresh = CookieCount("new");
        double bad = CookieCount("bad");

        server.Dig.Query($"-b {server.Address} +cookie={TestCookies.Build(server.Address, 60)} host1.example A");
        server.Dig.Query($"-b {server.Address} +cookie={TestCookies.ClientHex} host1.example A");
        DigResult foreign = server.Dig.Query($"-b {server.Address} +cookie={TestCookies.ClientHex}0011223344556677 host1.example A");

        Assert.Equal("NOERROR", foreign.Status); // a foreign 8-octet server cookie is well formed (§4)
        Assert.Equal(valid + 1, CookieCount("valid"));
        Assert.Equal(fresh + 1, CookieCount("new"));
        Assert.Equal(bad + 1, CookieCount("bad"));
    }

    private double CookieCount(string result)
    {
        string scrape = server.Get<PrometheusExporter>().Scrape();
        Match m = Regex.Match(scrape, "^splitdns_cookies_total\\{result=\"" + result + "\"\\} (\\S+)$", RegexOptions.Multiline);
        Assert.True(m.Success, "splitdns_cookies_total{result=" + result + "} missing:\n" + scrape);
        return double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"COOKIE: ([0-9a-f]{48}) \((good|echoed)\)")]
    private static partial Regex CookieRegex();
}
