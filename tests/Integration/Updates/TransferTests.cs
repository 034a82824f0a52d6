using System.Globalization;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Tsig;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Updates;

/// <summary>A server with 5,000 extra records: AXFR needs several messages.</summary>
public sealed class LargeZoneServer : IAsyncLifetime
{
    public const int Hosts = 5000;

    internal SplitDnsProcess Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await SplitDnsProcess.StartAsync(ZoneFiles.WithHosts(Hosts));

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>AXFR with dig -y and kdig +tsig, IXFR after updates, and an external-dns conversation replayed.</summary>
public sealed class TransferTests : IClassFixture<LargeZoneServer>
{
    private const int ZoneRecords = LargeZoneServer.Hosts + 7;
    private readonly SplitDnsProcess _server;

    public TransferTests(LargeZoneServer fixture) => _server = fixture.Server;

    [Fact]
    public async Task DigAxfrWithTsig_LargeZone_SeveralSignedMessagesAllRecords()
    {
        ToolResult r = await _server.DigAsync("-y", SplitDnsProcess.KeySpec, "example.com", "AXFR");

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.DoesNotContain("failed", r.Output, StringComparison.OrdinalIgnoreCase);
        int messages = int.Parse(r.StandardOutput.Split("messages ")[1].Split(',')[0], CultureInfo.InvariantCulture);
        Assert.True(messages > 3, $"only {messages} messages");
        Assert.Contains("host4999.example.com.", r.StandardOutput, StringComparison.Ordinal);
        // dig prints the TSIG of every message it verified.
        Assert.Equal(messages, r.StandardOutput.Split('\n').Count(l => l.Contains("\tANY\tTSIG\t", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task KdigAxfrWithTsig_LargeZone_Verified()
    {
        ToolResult r = await ClientTool.RunAsync("kdig", [$"@{_server.Address}", "-p", _server.Port.ToString(CultureInfo.InvariantCulture),
            "-y", SplitDnsProcess.KeySpec, "example.com", "AXFR"], null, TimeSpan.FromSeconds(30));

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.DoesNotContain("failed", r.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("host4999.example.com.", r.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Axfr_UnknownKey_NoRecords()
    {
        ToolResult r = await _server.DigAsync("-y", "hmac-sha256:nosuchkey:" + SplitDnsProcess.Secret, "example.com", "AXFR");

        Assert.DoesNotContain("host1.example.com.", r.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Axfr_Unsigned_RefusedByAcl()
    {
        // The ACL wants the key and an address in 127/8: unsigned is refused, and logged.
        ToolResult r = await _server.DigAsync("example.com", "AXFR");

        Assert.DoesNotContain("host1.example.com.", r.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("REFUSED", _server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ixfr_AfterThreeUpdates_ReturnsExactlyThoseChanges()
    {
        uint start = await _server.SerialAsync();
        Assert.Equal(0, (await _server.NsupdateAsync("update add ixfr-a.example.com 60 A 192.0.2.1")).ExitCode);
        Assert.Equal(0, (await _server.NsupdateAsync("update add ixfr-b.example.com 60 A 192.0.2.2")).ExitCode);
        Assert.Equal(0, (await _server.NsupdateAsync("update delete ixfr-a.example.com A")).ExitCode);

        ToolResult r = await _server.DigAsync("-y", SplitDnsProcess.KeySpec, "+noall", "+answer", "+nocmd", $"IXFR={start}", "example.com");

        List<string> lines = r.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.Contains("TSIG", StringComparison.Ordinal))
            .Select(l => string.Join(' ', l.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries)))
            .Select(l => l.Contains(" SOA ", StringComparison.Ordinal) ? "SOA " + l.Split(' ')[6] : l).ToList();
        Assert.Equal(
        [
            $"SOA {start + 3}",
            $"SOA {start}", $"SOA {start + 1}", "ixfr-a.example.com. 60 IN A 192.0.2.1",
            $"SOA {start + 1}", $"SOA {start + 2}", "ixfr-b.example.com. 60 IN A 192.0.2.2",
            $"SOA {start + 2}", "ixfr-a.example.com. 60 IN A 192.0.2.1", $"SOA {start + 3}",
            $"SOA {start + 3}",
        ], lines);
    }

    [Fact]
    public async Task ExternalDnsConversation_SignedAxfrBatchUpdateAxfr_Faithful()
    {
        TsigKey key = TsigKey.Parse(SplitDnsProcess.KeySpec);
        await AxfrAsync(key);
        Assert.Equal(0, (await _server.NsupdateAsync(
            "update add web.example.com 300 CNAME internal.example.com.\nupdate add a-web.example.com 0 TXT \"heritage=external-dns,external-dns/owner=default,external-dns/resource=httproute/default/web\"")).ExitCode);
        List<ResourceRecord> before = await AxfrAsync(key);
        Assert.Contains(before, r => r.Name.ToString() == "web.example.com." && r.Type == RecordType.CNAME);

        // One batch, as miekg/dns sends it: class NONE deletes (TTL 0, exact RDATA), then adds;
        // uncompressed, no EDNS, over TCP, signed with fudge 300.
        var m = new DnsMessage();
        m.Header.Id = 31337;
        m.Header.Opcode = DnsOpcode.Update;
        m.Questions.Add(new DnsQuestion(DnsName.Parse("example.com."), RecordType.SOA));
        foreach (ResourceRecord old in before.Where(r => r.Name.ToString() is "web.example.com." or "a-web.example.com."))
        {
            m.Authority.Add(new ResourceRecord(old.Name, old.Type, DnsClass.None, 0, old.Data));
        }

        m.Authority.Add(new ResourceRecord(DnsName.Parse("web.example.com."), 300, new CnameRdata(DnsName.Parse("external.example.com."))));
        m.Authority.Add(new ResourceRecord(DnsName.Parse("a-web.example.com."), 0,
            new TxtRdata("heritage=external-dns,external-dns/owner=default,external-dns/resource=httproute/default/web2")));
        byte[] wire = Uncompressed(m);
        byte[] response = (await DnsWire.ExchangeTcpAsync(_server.EndPoint, DnsWire.Sign(wire, key, DnsWire.Now, out byte[] mac)))[0];

        Assert.Equal(DnsRcode.NoError, DnsMessage.Parse(response).Rcode);
        Assert.Equal(TsigStatus.Valid, TsigVerifier.VerifyResponse(response, key, mac, DnsWire.Now).Status);
        List<ResourceRecord> after = await AxfrAsync(key);
        Assert.Equal(["external.example.com."], after.Where(r => r.Name.ToString() == "web.example.com.").Select(r => r.Data.ToString()));
        Assert.Equal(["\"heritage=external-dns,external-dns/owner=default,external-dns/resource=httproute/default/web2\""],
            after.Where(r => r.Name.ToString() == "a-web.example.com.").Select(r => r.Data.ToString()));
        Assert.Equal(before.Count, after.Count);
    }

    /// <summary>A signed AXFR, every message TSIG-verified in turn as miekg/dns does.</summary>
    private async Task<List<ResourceRecord>> AxfrAsync(TsigKey key)
    {
        var q = new DnsMessage();
        q.Header.Id = (ushort)Random.Shared.Next(65536);
        q.Questions.Add(new DnsQuestion(DnsName.Parse("example.com."), RecordType.AXFR));
        byte[] request = DnsWire.Sign(q.ToArray(), key, DnsWire.Now, out byte[] mac);
        List<byte[]> messages = await DnsWire.ExchangeTcpAsync(_server.EndPoint, request, transfer: true);
        var verifier = new TsigStreamVerifier(key, mac);
        var records = new List<ResourceRecord>();
        foreach (byte[] message in messages)
        {
            Assert.Equal(TsigStatus.Valid, verifier.Verify(message, DnsWire.Now).Status);
            records.AddRange(DnsMessage.Parse(message).Answers.Where(a => a.Type != RecordType.TSIG));
        }

        Assert.True(messages.Count > 1);
        Assert.Equal(RecordType.SOA, records[0].Type);
        Assert.Equal(RecordType.SOA, records[^1].Type);
        Assert.True(records.Count >= ZoneRecords + 1);
        return records;
    }

    private static byte[] Uncompressed(DnsMessage m)
    {
        byte[] buffer = new byte[65535];
        var writer = new DnsWriter(buffer);
        writer.DisableCompression();
        Assert.True(m.TryWrite(ref writer));
        return writer.Written.ToArray();
    }
}
