using System.Text.RegularExpressions;

namespace SplitDns.Integration.Tests.Forwarding;

/// <summary>
/// DNS cookies on both sides of a forwarded query, with dig and cookie-speaking fake upstreams:
/// the forwarder sends its own client cookie (never the client's, RFC 7873 §6), learns and
/// echoes the upstream's server cookie, retries a BADCOOKIE once, and the client gets the
/// server's own cookie back with the forwarded answer.
/// </summary>
public sealed partial class CookieForwardingTests(CookieForwardingFixture server) : IClassFixture<CookieForwardingFixture>
{
    private const string DigClientCookie = "d0d1d2d3d4d5d6d7";

    [Fact]
    public async Task ForwardedQueries_SendOurClientCookie_ThenEchoTheUpstreamsServerCookie()
    {
        string first = await server.DigAsync($"+cookie={DigClientCookie}", "one.cookie.test", "A");
        string second = await server.DigAsync($"+cookie={DigClientCookie}", "two.cookie.test", "A");

        Assert.Contains("status: NOERROR", first, StringComparison.Ordinal);
        Assert.Matches(@"two\.cookie\.test\.\s+\d+\s+IN\s+A\s+198\.51\.100\.7", second);
        // Every query this upstream got (other tests of the class may have come first): the
        // first without a server cookie, all later ones with the one it sent, one client cookie.
        (string Name, string Client, string Server)[] seen = [.. server.Upstream.Seen];
        Assert.True(seen.Length >= 2, seen.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(seen, s => s.Name == "one.cookie.test.");
        Assert.Contains(seen, s => s.Name == "two.cookie.test.");
        Assert.Equal("", seen[0].Server);
        Assert.All(seen[1..], s => Assert.Equal(CookieUpstreamServer.ServerCookieHex, s.Server));
        Assert.All(seen, s => Assert.Equal(seen[0].Client, s.Client));
        Assert.Equal(16, seen[0].Client.Length);
        Assert.NotEqual(DigClientCookie, seen[0].Client);
    }

    [Fact]
    public async Task ForwardedAnswer_CarriesTheServersOwnCookieToTheClient()
    {
        string output = await server.DigAsync($"+cookie={DigClientCookie}", "mine.cookie.test", "A");

        Assert.Matches(@"mine\.cookie\.test\.\s+\d+\s+IN\s+A\s+198\.51\.100\.7", output);
        Match m = CookieRegex().Match(output);
        Assert.True(m.Success, output);
        Assert.Equal(DigClientCookie, m.Groups[1].Value);
        Assert.StartsWith("01000000", m.Groups[2].Value, StringComparison.Ordinal); // RFC 9018, not the upstream's
        Assert.NotEqual(CookieUpstreamServer.ServerCookieHex, m.Groups[2].Value);
    }

    [Fact]
    public async Task StrictUpstream_BadCookieRetriedWithItsCookie_ClientAnswered()
    {
        string output = await server.DigAsync("+nocookie", "a.strict.test", "A");

        Assert.Contains("status: NOERROR", output, StringComparison.Ordinal);
        Assert.Matches(@"a\.strict\.test\.\s+\d+\s+IN\s+A\s+198\.51\.100\.7", output);
        (string Name, string Client, string Server)[] seen = [.. server.Strict.Seen.Where(s => s.Name == "a.strict.test.")];
        Assert.Equal(2, seen.Length);
        Assert.Equal("", seen[0].Server);
        Assert.Equal(CookieUpstreamServer.ServerCookieHex, seen[1].Server);
        Assert.Equal(seen[0].Client, seen[1].Client);
    }

    [GeneratedRegex(@"COOKIE: ([0-9a-f]{16})([0-9a-f]{32})")]
    private static partial Regex CookieRegex();
}
