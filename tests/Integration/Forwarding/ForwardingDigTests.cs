namespace SplitDns.Integration.Tests.Forwarding;

/// <summary>Forwarding end to end: dig and kdig against the running server, fake upstreams on loopback.</summary>
public sealed class ForwardingDigTests : IClassFixture<ForwardingServerFixture>
{
    private readonly ForwardingServerFixture _server;

    public ForwardingDigTests(ForwardingServerFixture server) => _server = server;

    [Fact]
    public async Task Dig_NameOutsideZones_ForwardedToUpstreamWithRa()
    {
        string output = await _server.DigAsync("google.test", "A");

        Assert.Contains("status: NOERROR", output, StringComparison.Ordinal);
        Assert.Matches(@"flags: qr rd ra;", output);
        Assert.Matches(@"google\.test\.\s+\d+\s+IN\s+A\s+198\.51\.100\.1", output);
        Assert.Equal(1, _server.Upstream.CountFor("google.test."));
    }

    [Fact]
    public async Task Dig_RepeatedQuery_ServedFromCache()
    {
        await _server.DigAsync("cached.test", "A");
        string second = await _server.DigAsync("cached.test", "A");

        Assert.Matches(@"cached\.test\.\s+(300|29\d)\s+IN\s+A\s+198\.51\.100\.1", second);
        Assert.Equal(1, _server.Upstream.CountFor("cached.test."));
    }

    [Fact]
    public async Task Dig_ForwardedZoneName_GoesOnlyToConditionalForwarder()
    {
        string output = await _server.DigAsync("printer.lan.example.com", "A");

        Assert.Matches(@"printer\.lan\.example\.com\.\s+\d+\s+IN\s+A\s+198\.51\.100\.2", output);
        Assert.Equal(1, _server.Router.CountFor("printer.lan.example.com."));
        Assert.Equal(0, _server.Upstream.CountFor("printer.lan.example.com."));
    }

    [Fact]
    public async Task Dig_ServedName_AnsweredAuthoritativelyNotForwarded()
    {
        string www = await _server.DigAsync("www.example.com", "A");
        string wildcard = await _server.DigAsync("unknown.example.com", "A");

        Assert.Matches(@"flags: qr aa rd ra;", www);
        Assert.DoesNotContain("recursion requested but not available", www, StringComparison.Ordinal);
        Assert.Matches(@"www\.example\.com\.\s+300\s+IN\s+A\s+192\.0\.2\.80", www);
        Assert.Matches(@"unknown\.example\.com\.\s+300\s+IN\s+A\s+192\.0\.2\.58", wildcard);
        Assert.Equal(0, _server.Upstream.CountFor("www.example.com."));
        Assert.Equal(0, _server.Router.CountFor("unknown.example.com."));
    }

    [Fact]
    public async Task Dig_LocalRecordInForwardedZone_AnswersFirstOtherTypesFallThrough()
    {
        string a = await _server.DigAsync("nas.lan.example.com", "A");
        string aaaa = await _server.DigAsync("nas.lan.example.com", "AAAA");

        Assert.Matches(@"nas\.lan\.example\.com\.\s+300\s+IN\s+A\s+192\.0\.2\.44", a);
        Assert.Contains("status: NOERROR", aaaa, StringComparison.Ordinal);
        Assert.Matches(@"test\.\s+\d+\s+IN\s+SOA", aaaa);
        Assert.Equal(1, _server.Router.CountFor("nas.lan.example.com."));
    }

    [Fact]
    public async Task Dig_AllUpstreamsSilent_ServFailWithEde22WithinDeadline()
    {
        string output = await _server.DigAsync("host.dead.test", "A");

        Assert.Contains("status: SERVFAIL", output, StringComparison.Ordinal);
        Assert.Contains("EDE: 22", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dig_UpstreamRefusesConnection_Ede22TextIsGenericWithoutUpstreamAddress()
    {
        string output = await _server.DigAsync("host.closed.test", "A");

        Assert.Contains("status: SERVFAIL", output, StringComparison.Ordinal);
        Assert.Contains("EDE: 22 (No Reachable Authority): (no upstream answered)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("udp://", output, StringComparison.Ordinal);
        Assert.DoesNotContain("refused", output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Dig_ClientOutsideRecursionAcl_RefusedWithEde18ButZonesStillServed()
    {
        string[] from = ["-b", "127.0.0.1"];
        string forwarded = await DigClient.RunAsync("dig", [$"@{_server.Dns.Address}", "-p", _server.Dns.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. from, "+tries=1", "openresolver.test", "A"]);
        string served = await DigClient.RunAsync("dig", [$"@{_server.Dns.Address}", "-p", _server.Dns.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. from, "+tries=1", "www.example.com", "A"]);

        Assert.Contains("status: REFUSED", forwarded, StringComparison.Ordinal);
        Assert.Contains("EDE: 18", forwarded, StringComparison.Ordinal);
        Assert.Equal(0, _server.Upstream.CountFor("openresolver.test."));
        Assert.Contains("status: NOERROR", served, StringComparison.Ordinal);

        // Recursion is not available to this client: RA stays clear, and dig says so.
        Assert.Matches(@"flags: qr rd;", forwarded);
        Assert.Matches(@"flags: qr aa rd;", served);
        Assert.Contains("WARNING: recursion requested but not available", served, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dig_NoRecursionNameNotCached_RefusedEde20NotForwarded()
    {
        string output = await _server.DigAsync("+norec", "norec-miss.test", "A");

        Assert.Contains("status: REFUSED", output, StringComparison.Ordinal);
        Assert.Contains("EDE: 20 (Not Authoritative)", output, StringComparison.Ordinal);
        Assert.Matches(@"flags: qr ra;", output);
        Assert.Equal(0, _server.Upstream.CountFor("norec-miss.test."));
    }

    [Fact]
    public async Task Dig_NoRecursionCachedName_AnsweredFromCacheOnly()
    {
        await _server.DigAsync("norec-hit.test", "A");
        string output = await _server.DigAsync("+norec", "norec-hit.test", "A");

        Assert.Contains("status: NOERROR", output, StringComparison.Ordinal);
        Assert.Matches(@"flags: qr ra;", output);
        Assert.Matches(@"norec-hit\.test\.\s+\d+\s+IN\s+A\s+198\.51\.100\.1", output);
        Assert.Equal(1, _server.Upstream.CountFor("norec-hit.test."));
    }

    [Fact]
    public async Task Kdig_AuthoritativeAnswerToAllowedClient_RaSet()
    {
        string output = await DigClient.RunAsync("kdig", [$"@{_server.Dns.Address}", "-p", _server.Dns.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-b", _server.Dns.Address.ToString(), "+retry=0", "+timeout=5", "www.example.com", "A"]);

        Assert.Contains("NOERROR", output, StringComparison.Ordinal);
        Assert.Matches(@"Flags: qr aa rd ra;", output);
    }

    [Fact]
    public async Task Dig_LargeForwardedAnswerOverSmallUdp_TruncatedThenFullOverTcp()
    {
        string udp = await _server.DigAsync("big.test", "A", "+noedns", "+ignore");
        string tcp = await _server.DigAsync("big.test", "A", "+tcp");

        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(udp, @"flags: qr tc rd ra;"), udp);
        Assert.True(tcp.Contains("ANSWER: 61,", StringComparison.Ordinal), tcp);
    }

    [Fact]
    public async Task Metrics_ForwarderInstruments_ExportedOnPrometheusEndpoint()
    {
        await _server.DigAsync("metrics.test", "A");
        using var http = new HttpClient();
        string text = await http.GetStringAsync($"http://{_server.Dns.Address}:{_server.Dns.Port + 1}/metrics");

        Assert.Matches(@"splitdns_forwarders_upstream_queries_total\{server=""udp://127\.0\.3\.\d+:\d+""\} [1-9]", text);
        Assert.Contains("splitdns_forwarders_cache_misses_total", text, StringComparison.Ordinal);
        Assert.Contains("splitdns_forwarders_upstream_up{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kdig_ForwardedOverTcp_Answers()
    {
        string output = await DigClient.RunAsync("kdig", [$"@{_server.Dns.Address}", "-p", _server.Dns.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-b", _server.Dns.Address.ToString(), "+tcp", "+retry=0", "+timeout=5", "kdig.test", "A"]);

        Assert.Contains("NOERROR", output, StringComparison.Ordinal);
        Assert.Matches(@"kdig\.test\.\s+\d+\s+IN\s+A\s+198\.51\.100\.1", output);
    }
}
