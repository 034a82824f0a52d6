using System.Globalization;
using System.Net;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Tsig;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Updates;

/// <summary>
/// RFC 6891 §7 on the UPDATE, NOTIFY and transfer paths: a request with OPT gets OPT back (before
/// a TSIG, which stays last), a request without gets none; EDE says why a request was refused;
/// UDP replies use the client's payload size. dig sends UPDATE and NOTIFY with EDNS
/// (<c>+opcode</c>); dig and kdig send no OPT with transfers, so those are hand-made.
/// </summary>
public sealed class EdnsReplyTests(SignedServerFixture server) : IClassFixture<SignedServerFixture>
{
    private static readonly TsigKey s_key = TsigKey.FromBase64(SignedServerFixture.KeyName + ".", TsigAlgorithm.HmacSha256, SignedServerFixture.Secret);

    private IPEndPoint EndPoint => new(server.Address, server.Port);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DigUpdateOpcode_SignedWithEdns_NoErrorWithOptAndVerifiedTsig(bool tcp)
    {
        DigResult r = server.Dig.Query($"-y {SignedServerFixture.KeySpec} +opcode=update example.com SOA", tcp);

        Assert.Equal("NOERROR", r.Status);
        Assert.True(r.HasOpt, r.Output);
        Assert.Contains("TSIG PSEUDOSECTION", r.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("could not be validated", r.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void DigUpdateOpcode_UnsignedNoGrant_RefusedWithEde18Prohibited()
    {
        DigResult r = server.Dig.Query("+opcode=update example.com SOA");

        Assert.Equal("REFUSED", r.Status);
        Assert.True(r.HasOpt, r.Output);
        Assert.Equal(["18"], r.Ede);
    }

    [Fact]
    public void DigUpdateOpcode_ZoneNotServed_NotAuthWithEde20()
    {
        DigResult r = server.Dig.Query($"-y {SignedServerFixture.KeySpec} +opcode=update example.org SOA");

        Assert.Equal("NOTAUTH", r.Status);
        Assert.Equal(["20"], r.Ede);
    }

    [Fact]
    public void DigUpdateOpcode_EdnsVersion1_BadVersWithOurVersion0()
    {
        DigResult r = server.Dig.Query("+edns=1 +noednsnegotiation +opcode=update example.com SOA");

        Assert.Equal("BADVERS", r.Status);
        Assert.Contains("EDNS: version: 0", r.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("example.com", "NOERROR", new string[0])]
    [InlineData("example.org", "NOTAUTH", new[] { "20" })]
    public void DigNotify_WithEdns_AnsweredWithOpt(string zone, string status, string[] ede)
    {
        DigResult r = server.Dig.Query($"+opcode=notify {zone} SOA");

        Assert.Equal(status, r.Status);
        Assert.True(r.HasOpt, r.Output);
        Assert.Equal(ede, r.Ede);
    }

    [Fact]
    public void DigNotify_UnknownKey_BadKeyAnswerCarriesOptBeforeTsig()
    {
        DigResult r = server.Dig.Query($"-y hmac-sha256:stranger:{SignedServerFixture.Secret} +opcode=notify example.com SOA");

        Assert.Equal("NOTAUTH", r.Status);
        Assert.True(r.HasOpt, r.Output);
        Assert.Contains("BADKEY", r.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nsupdate_NoEdnsInRequest_NoOptInReply()
    {
        string script = $"server {server.Address} {server.Port.ToString(CultureInfo.InvariantCulture)}\nzone example.com\nupdate add edns-none.example.com 60 A 192.0.2.7\nsend\n";

        ToolResult r = await ClientTool.RunAsync("nsupdate", ["-d", "-y", SignedServerFixture.KeySpec], script, TimeSpan.FromSeconds(20));

        Assert.True(r.ExitCode == 0, r.ToString());
        string reply = r.Output[r.Output.IndexOf("Reply from update query", StringComparison.Ordinal)..];
        Assert.Contains("status: NOERROR", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("OPT PSEUDOSECTION", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedAxfrWithEdns_EveryMessageHasOptThenTsigLast()
    {
        byte[] request = DnsWire.Sign(Query("example.com.", RecordType.AXFR, edns: true), s_key, DnsWire.Now);

        List<byte[]> messages = await DnsWire.ExchangeTcpAsync(EndPoint, request, transfer: true);

        Assert.NotEmpty(messages);
        foreach (byte[] bytes in messages)
        {
            DnsMessage m = DnsMessage.Parse(bytes);
            Assert.Equal(DnsRcode.NoError, m.Rcode);
            Assert.NotNull(m.Edns);
            Assert.NotNull(m.Tsig);
        }

        Assert.Equal(RecordType.SOA, DnsMessage.Parse(messages[^1]).Answers[^1].Type);
    }

    [Fact]
    public async Task UnsignedAxfrWithEdns_RefusedWithOptAndEde18()
    {
        List<byte[]> messages = await DnsWire.ExchangeTcpAsync(EndPoint, Query("example.com.", RecordType.AXFR, edns: true));

        DnsMessage m = DnsMessage.Parse(Assert.Single(messages));
        Assert.Equal(DnsRcode.Refused, m.Rcode);
        Assert.Equal(ExtendedDnsErrorCode.Prohibited, Assert.Single(m.Edns!.GetExtendedErrors()).Code);
    }

    [Fact]
    public async Task SignedIxfrOverUdp_ClientPayloadSizeDecidesWhetherTheZoneFits()
    {
        // Sixteen more records take example.com past 512 bytes (and stay well under 1232). Serial 1
        // is older than the journal, so the answer is the whole zone (AXFR form): without EDNS only
        // the SOA comes back (RFC 1995 §2); with a 4096-byte offer (capped at our 1232) the whole
        // zone does, in one datagram, with OPT before the TSIG.
        string adds = string.Concat(Enumerable.Range(0, 16).Select(i => $"update add pad{i}.example.com 60 A 192.0.2.{i}\n"));
        string script = $"server {server.Address} {server.Port.ToString(CultureInfo.InvariantCulture)}\nzone example.com\n{adds}send\n";
        ToolResult update = await ClientTool.RunAsync("nsupdate", ["-y", SignedServerFixture.KeySpec], script, TimeSpan.FromSeconds(20));
        Assert.True(update.ExitCode == 0, update.ToString());

        byte[] plainBytes = await DnsWire.ExchangeUdpAsync(EndPoint, DnsWire.Sign(Ixfr(edns: false), s_key, DnsWire.Now));
        byte[] ednsBytes = await DnsWire.ExchangeUdpAsync(EndPoint, DnsWire.Sign(Ixfr(edns: true), s_key, DnsWire.Now));
        DnsMessage plain = DnsMessage.Parse(plainBytes);
        DnsMessage withEdns = DnsMessage.Parse(ednsBytes);

        Assert.Single(plain.Answers);
        Assert.Null(plain.Edns);
        Assert.NotNull(plain.Tsig);
        Assert.InRange(ednsBytes.Length, 513, 1232);
        Assert.Contains(withEdns.Answers, rr => rr.Name.ToString() == "pad15.example.com.");
        Assert.Equal(RecordType.SOA, withEdns.Answers[^1].Type);
        Assert.NotNull(withEdns.Edns);
        Assert.NotNull(withEdns.Tsig);
    }

    private static byte[] Ixfr(bool edns) => Query("example.com.", RecordType.IXFR, edns, m =>
        m.Authority.Add(new ResourceRecord(DnsName.Parse("example.com."), 0,
            new SoaRdata(DnsName.Root, DnsName.Root, 1, 0, 0, 0, 0))));

    private static byte[] Query(string zone, RecordType type, bool edns, Action<DnsMessage>? edit = null)
    {
        var m = new DnsMessage();
        m.Header.Id = (ushort)Random.Shared.Next(ushort.MaxValue);
        m.Questions.Add(new DnsQuestion(DnsName.Parse(zone), type));
        if (edns)
        {
            m.Edns = new EdnsRecord { UdpPayloadSize = 4096 };
        }

        edit?.Invoke(m);
        return m.ToArray();
    }
}
