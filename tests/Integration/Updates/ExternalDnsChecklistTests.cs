using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Tsig;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Updates;

/// <summary>One server with example.com and the reverse zone 2.0.192.in-addr.arpa.</summary>
public sealed class ForwardAndReverseServer : IAsyncLifetime
{
    public const string ReverseZone = """
        $ORIGIN 2.0.192.in-addr.arpa.
        $TTL 3600
        @    IN SOA ns1.example.com. hostmaster.example.com. 1 7200 900 1209600 300
        @    IN NS ns1.example.com.
        """;

    internal SplitDnsProcess Server { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Server = await SplitDnsProcess.StartAsync(ZoneFiles.Small, moreZones: ("2.0.192.in-addr.arpa.", ReverseZone));

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// The items of the external-dns checklist (shared/research/external-dns-rfc2136.md §12) that the
/// other test classes do not already cover, each with the real clients external-dns stands for.
/// </summary>
public sealed class ExternalDnsChecklistTests : IClassFixture<ForwardAndReverseServer>
{
    private readonly SplitDnsProcess _server;

    public ExternalDnsChecklistTests(ForwardAndReverseServer fixture) => _server = fixture.Server;

    [Fact]
    public async Task ReverseZone_TxtOwnershipAndMultiRrPtr_AcceptedAndServed()
    {
        // --create-ptr (v0.21+): several host names on one IP give a multi-RR PTR set, and the TXT
        // registry writes "ptr-<label>" ownership records inside the reverse zone.
        ToolResult r = await _server.NsupdateAsync("""
            update add 10.2.0.192.in-addr.arpa. 300 PTR web.example.com.
            update add 10.2.0.192.in-addr.arpa. 300 PTR api.example.com.
            update add ptr-10.2.0.192.in-addr.arpa. 0 TXT "heritage=external-dns,external-dns/owner=default,external-dns/resource=service/default/web"
            """, zone: "2.0.192.in-addr.arpa");

        Assert.True(r.ExitCode == 0, r + _server.Log);
        Assert.Equal(["api.example.com.", "web.example.com."], await _server.ShortAsync("10.2.0.192.in-addr.arpa.", "PTR"));
        ToolResult txt = await _server.DigAsync("+noall", "+answer", "ptr-10.2.0.192.in-addr.arpa.", "TXT");
        // dig pads columns with tabs or a space depending on the name's length.
        Assert.Contains("ptr-10.2.0.192.in-addr.arpa. 0 IN TXT \"heritage=external-dns,external-dns/owner=default,external-dns/resource=service/default/web\"",
            System.Text.RegularExpressions.Regex.Replace(txt.StandardOutput, @"[ \t]+", " "), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wildcard_AddedByUpdate_ServedAsWildcardAndAPrefixLabelLiteral()
    {
        // A Gateway listener "*.apps.example.com" with a route without host names gives the
        // wildcard record and its ownership TXT "a-*.apps.example.com" (checklist "Wildcard owners").
        ToolResult r = await _server.NsupdateAsync("""
            update add *.apps.example.com. 60 A 192.0.2.50
            update add a-*.apps.example.com. 0 TXT "heritage=external-dns,external-dns/owner=default"
            """);
        Assert.True(r.ExitCode == 0, r + _server.Log);

        // RFC 4592 §3.3.1: synthesised from *.apps for any name below apps that does not exist.
        Assert.Equal(["192.0.2.50"], await _server.ShortAsync("anything.apps.example.com.", "A"));
        Assert.Equal(["192.0.2.50"], await _server.ShortAsync("a-x.apps.example.com.", "A"));

        // "a-*" is an ordinary label: it answers only for itself, and the wildcard has no TXT.
        Assert.Equal(["\"heritage=external-dns,external-dns/owner=default\""], await _server.ShortAsync("a-*.apps.example.com.", "TXT"));
        Assert.Empty(await _server.ShortAsync("a-x.apps.example.com.", "TXT"));
        Assert.Empty(await _server.ShortAsync("a-*.apps.example.com.", "A"));
    }

    [Fact]
    public async Task Update_OverUdp_AppliedAndResponseSigned()
    {
        TsigKey key = TsigKey.Parse(SplitDnsProcess.KeySpec);

        byte[] response = await DnsWire.ExchangeUdpAsync(_server.EndPoint, DnsWire.Sign(AddA("udp.example.com.", 60, "192.0.2.61"), key, DnsWire.Now, out byte[] mac));

        Assert.Equal(DnsRcode.NoError, DnsMessage.Parse(response).Rcode);
        Assert.Equal(DnsOpcode.Update, DnsMessage.Parse(response).Header.Opcode);
        Assert.Equal(TsigStatus.Valid, TsigVerifier.VerifyResponse(response, key, mac, DnsWire.Now).Status);
        Assert.Equal(["192.0.2.61"], await _server.ShortAsync("udp.example.com.", "A"));
    }

    [Fact]
    public async Task Update_KeyNameAndOwnerInMixedCase_SignedWithKeyAsSentAndOwnerStoredAsSent()
    {
        // external-dns keeps the key name as typed and looks the response's key up by exact
        // string (bodgit/tsig); the planner compares owner names case-sensitively.
        TsigKey key = TsigKey.Parse("hmac-sha256:ExternalDNS:" + SplitDnsProcess.Secret);

        byte[] response = (await DnsWire.ExchangeTcpAsync(_server.EndPoint, DnsWire.Sign(AddA("MixedCase.example.com.", 0, "192.0.2.62"), key, DnsWire.Now, out byte[] mac)))[0];

        DnsMessage parsed = DnsMessage.Parse(response);
        Assert.Equal(DnsRcode.NoError, parsed.Rcode);
        Assert.Equal("ExternalDNS.", parsed.Additional.Single(r => r.Type == RecordType.TSIG).Name.ToString());
        Assert.Equal(TsigStatus.Valid, TsigVerifier.VerifyResponse(response, key, mac, DnsWire.Now).Status);
        ToolResult axfr = await _server.DigAsync("-y", SplitDnsProcess.KeySpec, "+noall", "+answer", "example.com", "AXFR");
        Assert.Contains("MixedCase.example.com.", axfr.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_ForRootZone_NotAuthAndLogSaysToSetTheZone()
    {
        // external-dns without --rfc2136-zone sends its UPDATE for zone "." (Technitium#754).
        ToolResult r = await _server.NsupdateAsync("update add root.example.com. 60 A 192.0.2.1", zone: ".");

        Assert.Contains("NOTAUTH", r.Output, StringComparison.Ordinal);
        // The log line reaches the process's stdout a moment after the answer: a bounded wait.
        for (int i = 0; i < 100 && !_server.Log.Contains("set --rfc2136-zone", StringComparison.Ordinal); i++)
        {
            await Task.Delay(50);
        }

        Assert.Contains("UPDATE for zone '.'", _server.Log, StringComparison.Ordinal);
        Assert.Contains("set --rfc2136-zone", _server.Log, StringComparison.Ordinal);
        Assert.Empty(await _server.ShortAsync("root.example.com.", "A"));
    }

    [Fact]
    public async Task Axfr_KeyWithoutTransferGrant_RefusedAndLoggedWithKeyAndZone()
    {
        // The admin key may update but has no AllowTransfer: external-dns would silently stop
        // deleting (BIND, external-dns#2416), so the refusal names key and zone.
        ToolResult r = await _server.DigAsync("-y", SplitDnsProcess.AdminKeySpec, "example.com", "AXFR");

        Assert.DoesNotContain("www.example.com.", r.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("AXFR example.com. from", _server.Log, StringComparison.Ordinal);
        Assert.Contains("key admin", _server.Log, StringComparison.Ordinal);
        Assert.Contains("REFUSED: not allowed by the zone's Transfer setting", _server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Axfr_ZoneNotServed_NotAuthAndLoggedWithZone()
    {
        ToolResult r = await _server.DigAsync("-y", SplitDnsProcess.KeySpec, "example.org", "AXFR");

        Assert.DoesNotContain("SOA", r.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("AXFR example.org. from", _server.Log, StringComparison.Ordinal);
        Assert.Contains("NOTAUTH, zone not served here", _server.Log, StringComparison.Ordinal);
    }

    /// <summary>An unsigned UPDATE of example.com adding one A record.</summary>
    private static byte[] AddA(string owner, uint ttl, string address)
    {
        var m = new DnsMessage();
        m.Header.Id = (ushort)Random.Shared.Next(65536);
        m.Header.Opcode = DnsOpcode.Update;
        m.Questions.Add(new DnsQuestion(DnsName.Parse("example.com."), RecordType.SOA));
        m.Authority.Add(new ResourceRecord(DnsName.Parse(owner), ttl, new ARdata(System.Net.IPAddress.Parse(address))));
        return m.ToArray();
    }
}
