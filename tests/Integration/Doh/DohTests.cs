using System.Net;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Doh;

/// <summary>
/// DNS over HTTPS (RFC 8484) end to end: HttpClient over HTTP/2 and HTTP/1.1 with the test CA,
/// kdig +https and dnspython's DoH client against the real HTTPS listener.
/// </summary>
public sealed partial class DohTests(DohServerFixture server) : IClassFixture<DohServerFixture>
{
    private string DohUrl => server.HttpsBase + "/dns-query";

    private static string? AddressOf(DnsMessage response) =>
        response.Answers.LastOrDefault(r => r.Type == RecordType.A)?.Data is ARdata a ? a.Address.ToString() : null;

    private async Task<(HttpResponseMessage Http, DnsMessage Dns)> ExchangeAsync(HttpRequestMessage request)
    {
        using HttpClient client = server.CreateClient();
        HttpResponseMessage response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/dns-message", response.Content.Headers.ContentType?.MediaType);
        return (response, DnsMessage.Parse(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Post_Http2_AnswerWithRequestIdAndSmallestTtl()
    {
        // RFC 8484 §4.1: clients SHOULD use ID 0; the answer echoes whatever was sent.
        var (http, dns) = await ExchangeAsync(DohServerFixture.Post(DohUrl, RawDns.Query("target.doh.test.", RecordType.A, 0), HttpVersion.Version20));

        Assert.Equal(HttpVersion.Version20, http.Version);
        Assert.Equal(0, dns.Id);
        Assert.Equal(DnsRcode.NoError, dns.Rcode);
        Assert.Equal("192.0.2.60", AddressOf(dns));
        Assert.Equal(TimeSpan.FromSeconds(60), http.Headers.CacheControl?.MaxAge);
    }

    [Fact]
    public async Task Get_Http11_CnameChainMaxAgeIsSmallestAnswerTtl()
    {
        var (http, dns) = await ExchangeAsync(DohServerFixture.Get(DohUrl, RawDns.Query("mixed.doh.test.", RecordType.A, 0x4d2), HttpVersion.Version11));

        Assert.Equal(HttpVersion.Version11, http.Version);
        Assert.Equal(0x4d2, dns.Id);
        Assert.Equal("192.0.2.60", AddressOf(dns));

        // CNAME 900 s, A 60 s: RFC 8484 §5.1, at most the smallest TTL in the answer.
        Assert.Equal(TimeSpan.FromSeconds(60), http.Headers.CacheControl?.MaxAge);
    }

    [Fact]
    public async Task Get_Http2_LongTtlIsMaxAge()
    {
        var (http, dns) = await ExchangeAsync(DohServerFixture.Get(DohUrl, RawDns.Query("long.doh.test.", RecordType.A, 7), HttpVersion.Version20));

        Assert.Equal("192.0.2.72", AddressOf(dns));
        Assert.Equal(TimeSpan.FromSeconds(7200), http.Headers.CacheControl?.MaxAge);
    }

    [Theory]
    [InlineData("nothing.doh.test.", "A", DnsRcode.NxDomain)]
    [InlineData("target.doh.test.", "AAAA", DnsRcode.NoError)]
    public async Task Negative_MaxAgeIsSoaNegativeTtl(string name, string type, DnsRcode rcode)
    {
        var (http, dns) = await ExchangeAsync(DohServerFixture.Post(DohUrl, RawDns.Query(name, Enum.Parse<RecordType>(type), 9), HttpVersion.Version20));

        Assert.Equal(rcode, dns.Rcode);
        Assert.Empty(dns.Answers);

        // RFC 2308 §5: min(SOA TTL 3600, MINIMUM 45).
        Assert.Equal(TimeSpan.FromSeconds(45), http.Headers.CacheControl?.MaxAge);
    }

    [Fact]
    public async Task Refused_MaxAgeZero()
    {
        // No forwarders and not a served zone: REFUSED, which a browser must not keep.
        var (http, dns) = await ExchangeAsync(DohServerFixture.Post(DohUrl, RawDns.Query("www.example.net.", RecordType.A, 3, recursionDesired: true), HttpVersion.Version11));

        Assert.NotEqual(DnsRcode.NoError, dns.Rcode);
        Assert.Equal(TimeSpan.Zero, http.Headers.CacheControl?.MaxAge);
    }

    [Fact]
    public async Task Kdig_HttpsPostAndGet_Answered()
    {
        string common = $"@{server.Address} -p {server.HttpsPort} +tls-ca={server.Ca.CaPath} +tls-hostname={TestCertificateAuthority.HostName} +time=3 +retry=0 target.doh.test A";
        ToolResult post = await ClientTool.RunAsync("kdig", [.. $"+https {common}".Split(' ')], null, TimeSpan.FromSeconds(15));
        ToolResult get = await ClientTool.RunAsync("kdig", [.. $"+https +https-get {common}".Split(' ')], null, TimeSpan.FromSeconds(15));

        // kdig reports the HTTP session: ";; HTTP session (HTTP/2-POST)-(dns.test.example/dns-query)-(status: 200)".
        Assert.Contains("(HTTP/2-POST)-(dns.test.example/dns-query)-(status: 200)", post.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"target\.doh\.test\.\s+60\s+IN\s+A\s+192\.0\.2\.60", post.StandardOutput);
        Assert.Contains("(HTTP/2-GET)-(dns.test.example/dns-query)-(status: 200)", get.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("192.0.2.60", get.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dnspython_HttpsClient_Answered()
    {
        string script = $"""
            import dns.message, dns.query
            q = dns.message.make_query("mixed.doh.test", "A")
            r = dns.query.https(q, "{server.Address}", port={server.HttpsPort}, verify="{server.Ca.CaPath}", timeout=5)
            print(dns.rcode.to_text(r.rcode()))
            for rrset in r.answer:
                print(rrset.to_text())
            """;
        ToolResult result = await ClientTool.RunAsync("python3", ["-c", script], null, TimeSpan.FromSeconds(20));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("NOERROR", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("target.doh.test. 60 IN A 192.0.2.60", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpsPort_OtherPaths_NotFound()
    {
        using HttpClient client = server.CreateClient();

        // The admin API and /metrics stay on the plain HTTP port.
        HttpResponseMessage metrics = await client.GetAsync(server.HttpsBase + "/metrics");
        HttpResponseMessage api = await client.GetAsync(server.HttpsBase + "/api/v1/zones");

        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
    }

    [Fact]
    public async Task HttpPort_WithoutAllowPlainHttp_NoDoh()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        HttpResponseMessage response = await client.SendAsync(DohServerFixture.Post(
            $"http://{server.Address}:{server.HttpPort}/dns-query", RawDns.Query("target.doh.test.", RecordType.A, 0), HttpVersion.Version11));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
