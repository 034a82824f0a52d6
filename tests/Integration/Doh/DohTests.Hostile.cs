using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Doh;

/// <summary>Requests that carry no DNS query get 4xx with a reason; the next query is answered; metrics by transport.</summary>
public sealed partial class DohTests
{
    public static TheoryData<string, int, string> Hostile => new()
    {
        { "get-bad-base64", 400, "base64url" },
        { "get-padding", 400, "base64url" },
        { "get-missing-dns", 400, "dns parameter" },
        { "get-with-body", 400, "no body" },
        { "post-wrong-type", 415, "application/dns-message" },
        { "post-oversize", 413, "65535" },
        { "post-short", 400, "DNS header" },
        { "post-response", 400, "response" },
        { "put", 405, "GET and POST" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task HostileRequest_RejectedWithReason_NextQueryAnswered(string kind, int status, string reason)
    {
        using HttpClient client = server.CreateClient();
        using HttpRequestMessage request = HostileRequest(kind);
        using HttpResponseMessage response = await client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(reason, text, StringComparison.Ordinal);

        var (_, dns) = await ExchangeAsync(DohServerFixture.Post(DohUrl, RawDns.Query("target.doh.test.", RecordType.A, 1), HttpVersion.Version20));
        Assert.Equal("192.0.2.60", AddressOf(dns));
    }

    [Fact]
    public async Task GarbageAfterHeader_FormErrAsDnsAnswer()
    {
        // A DNS-level error is a DNS answer with 200 (RFC 8484 §4.2.1), here FORMERR.
        byte[] garbage = [0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x3f, 0xff, 0xff];
        var (http, dns) = await ExchangeAsync(DohServerFixture.Post(DohUrl, garbage, HttpVersion.Version20));

        Assert.Equal(0x1234, dns.Id);
        Assert.Equal(DnsRcode.FormErr, dns.Rcode);
        Assert.Equal(TimeSpan.Zero, http.Headers.CacheControl?.MaxAge);
    }

    [Fact]
    public async Task Metrics_DohTransportAndRejections()
    {
        using var plain = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var metricsUri = new Uri($"http://{server.Address}:{server.HttpPort}/metrics");
        string before = await plain.GetStringAsync(metricsUri);
        Assert.Contains("splitdns_doh_rejected_total{reason=\"bad_base64\"}", before, StringComparison.Ordinal);
        Assert.Contains("splitdns_dns_malformed_packets_total{transport=\"doh\"}", before, StringComparison.Ordinal);

        await ExchangeAsync(DohServerFixture.Get(DohUrl, RawDns.Query("long.doh.test.", RecordType.A, 2), HttpVersion.Version20));
        using HttpClient client = server.CreateClient();
        using HttpResponseMessage rejected = await client.SendAsync(HostileRequest("get-bad-base64"));
        string after = await plain.GetStringAsync(metricsUri);

        Assert.Matches("splitdns_dns_queries_total\\{transport=\"doh\",qtype=\"A\",rcode=\"NOERROR\",view=\"default\"\\} [1-9]", after);
        Assert.True(Count(after, "splitdns_doh_rejected_total{reason=\"bad_base64\"}") > Count(before, "splitdns_doh_rejected_total{reason=\"bad_base64\"}"));
    }

    private static long Count(string metrics, string series)
    {
        Match m = Regex.Match(metrics, Regex.Escape(series) + " ([0-9]+)");
        return m.Success ? long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private HttpRequestMessage HostileRequest(string kind)
    {
        byte[] query = RawDns.Query("target.doh.test.", RecordType.A, 0);
        byte[] response = (byte[])query.Clone();
        response[2] |= 0x80;
        return kind switch
        {
            "get-bad-base64" => new HttpRequestMessage(HttpMethod.Get, DohUrl + "?dns=@@not*base64") { Version = HttpVersion.Version20 },
            "get-padding" => new HttpRequestMessage(HttpMethod.Get, DohUrl + "?dns=" + Convert.ToBase64String(query[..13]).Replace('+', '-').Replace('/', '_')),
            "get-missing-dns" => new HttpRequestMessage(HttpMethod.Get, DohUrl + "?name=example.com"),
            "get-with-body" => new HttpRequestMessage(HttpMethod.Get, DohServerFixture.Get(DohUrl, query, HttpVersion.Version11).RequestUri)
            {
                Content = new ByteArrayContent(query),
            },
            "post-wrong-type" => WithType(DohServerFixture.Post(DohUrl, query, HttpVersion.Version20), "text/plain"),
            "post-oversize" => DohServerFixture.Post(DohUrl, new byte[70_000], HttpVersion.Version11),
            "post-short" => DohServerFixture.Post(DohUrl, query[..5], HttpVersion.Version20),
            "post-response" => DohServerFixture.Post(DohUrl, response, HttpVersion.Version20),
            "put" => new HttpRequestMessage(HttpMethod.Put, DohUrl) { Content = new ByteArrayContent(query) },
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private static HttpRequestMessage WithType(HttpRequestMessage request, string type)
    {
        request.Content!.Headers.ContentType = new MediaTypeHeaderValue(type);
        return request;
    }
}
