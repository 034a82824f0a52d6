using System.Text.RegularExpressions;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Server.Metrics;

namespace SplitDns.Integration.Tests.Server;

/// <summary>
/// SplitDns:Cookies:RequireForUdp on, with dig: RFC 7873 §5.2.3 (a client cookie without a valid
/// server cookie gets BADCOOKIE, RCODE 23, with a fresh server cookie), §5.2.4 (a valid one is
/// answered), RFC 9018 §4.3 (the timestamp window). dig runs with -b so the test knows the
/// address the cookie hashes.
/// </summary>
public sealed partial class CookieEnforcementTests(CookieEnforcingServerFixture server) : IClassFixture<CookieEnforcingServerFixture>
{
    private string Source => $"-b {server.Address}";

    [Fact]
    public void ClientCookieOnly_Udp_BadCookieWithAFreshServerCookie_WhichIsThenAnswered()
    {
        DigResult first = server.Dig.Query($"{Source} +nobadcookie +cookie={TestCookies.ClientHex} host1.example A");

        Assert.Equal("BADCOOKIE", first.Status);
        Assert.Empty(first.Answer);
        string cookie = CookieOf(first);
        Assert.Equal(TestCookies.ClientHex, cookie[..16]);
        Assert.Equal("01000000", cookie.Substring(16, 8)); // RFC 9018 §4.2: version 1, reserved 0

        DigResult second = server.Dig.Query($"{Source} +nobadcookie +cookie={cookie} host1.example A");

        Assert.Equal("NOERROR", second.Status);
        Assert.Equal(["host1.example. 3600 IN A 192.0.2.1"], second.Answer);
    }

    [Fact]
    public void WrongServerCookie_Udp_BadCookieWithANewServerCookie()
    {
        string forged = TestCookies.ClientHex + "01000000" + "5cf79f11" + "1f8130c3eee29480";

        DigResult r = server.Dig.Query($"{Source} +nobadcookie +cookie={forged} host1.example A");

        Assert.Equal("BADCOOKIE", r.Status);
        Assert.Empty(r.Answer);
        string cookie = CookieOf(r);
        Assert.Equal(TestCookies.ClientHex, cookie[..16]);
        Assert.NotEqual(forged, cookie);
    }

    [Fact]
    public void ForeignEightOctetServerCookie_Udp_BadCookie()
    {
        // 16 octets is a well-formed option (§4), but not a cookie this server makes.
        DigResult r = server.Dig.Query($"{Source} +nobadcookie +cookie={TestCookies.ClientHex}0011223344556677 host1.example A");

        Assert.Equal("BADCOOKIE", r.Status);
        Assert.Equal(48, CookieOf(r).Length);
    }

    /// <summary>RFC 9018 §4.3: valid up to an hour old and up to five minutes ahead; outside that, bad.</summary>
    [Theory]
    [InlineData(0, "NOERROR")]
    [InlineData(40 * 60, "NOERROR")]
    [InlineData(-2 * 60, "NOERROR")]
    [InlineData(2 * 3600, "BADCOOKIE")]
    [InlineData(-10 * 60, "BADCOOKIE")]
    public void ServerCookieByAge_Udp_AcceptedOnlyInsideTheWindow(int ageSeconds, string status)
    {
        string cookie = TestCookies.Build(server.Address, ageSeconds);

        DigResult r = server.Dig.Query($"{Source} +nobadcookie +cookie={cookie} host1.example A");

        Assert.Equal(status, r.Status);
        string fresh = CookieOf(r);
        Assert.Equal(TestCookies.ClientHex, fresh[..16]);
        if (ageSeconds != 0)
        {
            Assert.NotEqual(cookie, fresh); // a new timestamp every time
        }
    }

    [Fact]
    public void ValidCookieFromAnotherAddress_Udp_BadCookie()
    {
        // The address is part of the hash (RFC 9018 §4.4): a cookie made for 127.0.0.1 is bad elsewhere.
        string cookie = TestCookies.Build(System.Net.IPAddress.Parse("127.0.0.1"), 0);

        DigResult r = server.Dig.Query($"{Source} +nobadcookie +cookie={cookie} host1.example A");

        Assert.Equal("BADCOOKIE", r.Status);
    }

    [Fact]
    public void ClientCookieOnly_Tcp_AnsweredWithACookie()
    {
        // BADCOOKIE is for UDP: TCP proves the source address already.
        DigResult r = server.Dig.Query($"{Source} +nobadcookie +cookie={TestCookies.ClientHex} host1.example A", tcp: true);

        Assert.Equal("NOERROR", r.Status);
        Assert.Equal(["host1.example. 3600 IN A 192.0.2.1"], r.Answer);
        Assert.Equal(TestCookies.ClientHex, CookieOf(r)[..16]);
    }

    [Fact]
    public void NoCookie_Udp_AnsweredWithoutCookie()
    {
        DigResult r = server.Dig.Query($"{Source} +nocookie host1.example A");

        Assert.Equal("NOERROR", r.Status);
        Assert.Equal(["host1.example. 3600 IN A 192.0.2.1"], r.Answer);
        Assert.DoesNotContain("COOKIE:", r.Output);
    }

    [Fact]
    public void DigRetryingBadCookie_GetsTheAnswer_AndTheRefusalIsCounted()
    {
        double before = UdpBurst.Counter(server.Get<PrometheusExporter>().Scrape(), "splitdns_cookies_badcookie_total");

        // dig +badcookie resends once with the server cookie from the BADCOOKIE reply.
        DigResult r = server.Dig.Query($"{Source} +badcookie +cookie={TestCookies.ClientHex} host1.example A");

        Assert.Equal("NOERROR", r.Status);
        Assert.Contains("BADCOOKIE, retrying", r.Output);
        Assert.Equal(["host1.example. 3600 IN A 192.0.2.1"], r.Answer);
        double after = UdpBurst.Counter(server.Get<PrometheusExporter>().Scrape(), "splitdns_cookies_badcookie_total");
        Assert.Equal(before + 1, after);
    }

    [Fact]
    public void Kdig_ClientCookieOnly_NoRetry_BadCookie()
    {
        DigResult r = server.Dig.KQuery($"{Source} +nobadcookie +cookie={TestCookies.ClientHex} host1.example A");

        Assert.Equal("BADCOOKIE", r.Status);
        Assert.DoesNotContain("192.0.2.1", r.Output);
        Assert.Matches($"(?i)COOKIE: {TestCookies.ClientHex} ?01000000[0-9a-f]{{24}}", r.Output); // kdig prints upper case
    }

    [Fact]
    public void Kdig_ValidServerCookie_Udp_Answered()
    {
        DigResult r = server.Dig.KQuery($"{Source} +nobadcookie +cookie={TestCookies.Build(server.Address, 60)} host1.example A");

        Assert.Equal("NOERROR", r.Status);
        Assert.Matches(@"host1\.example\.\s+3600\s+IN\s+A\s+192\.0\.2\.1", r.Output);
    }

    [Fact]
    public void Kdig_RetryingBadCookie_GetsTheAnswer()
    {
        // kdig +badcookie repeats the query with the server cookie from the BADCOOKIE reply and
        // prints both replies.
        DigResult r = server.Dig.KQuery($"{Source} +badcookie +cookie host1.example A");

        Assert.Equal("BADCOOKIE", r.Status);
        Assert.Contains("retrying with the received one", r.Output);
        Assert.Contains("status: NOERROR", r.Output);
        Assert.Matches(@"host1\.example\.\s+3600\s+IN\s+A\s+192\.0\.2\.1", r.Output);
    }

    private static string CookieOf(DigResult r)
    {
        Match m = CookieRegex().Match(r.Output);
        Assert.True(m.Success, r.Output);
        return m.Groups[1].Value;
    }

    [GeneratedRegex(@"COOKIE: ([0-9a-f]{32,96})")]
    private static partial Regex CookieRegex();
}
