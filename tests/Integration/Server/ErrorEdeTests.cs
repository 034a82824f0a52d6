using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Server;

/// <summary>RFC 8914: FORMERR and NOTIMP answers to EDNS queries say why in an Extended DNS Error.</summary>
public sealed class ErrorEdeTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void UnknownOpcode_NotImpWithEde21(bool tcp)
    {
        DigResult r = server.Dig.Query("+opcode=15 host1.example A", tcp);

        Assert.Equal("NOTIMP", r.Status);
        Assert.Equal(["21"], r.Ede);
        Assert.Contains("opcode not implemented", r.Output);
    }

    [Fact]
    public void UnknownOpcodeWithoutEdns_NotImpWithoutOpt()
    {
        DigResult r = server.Dig.Query("+noedns +opcode=15 host1.example A");

        Assert.Equal("NOTIMP", r.Status);
        Assert.False(r.HasOpt);
        Assert.Empty(r.Ede);
    }

    [Fact]
    public void MetaQueryType_NotImpWithEde21()
    {
        DigResult r = server.Dig.Query("host1.example TKEY");

        Assert.Equal("NOTIMP", r.Status);
        Assert.Equal(["21"], r.Ede);
    }

    [Fact]
    public void OptAsQuestionType_FormErrWithEde0()
    {
        // Padded so the reason fits: an error reply is never larger than the query (see below).
        DigResult r = server.Dig.KQuery("+edns +padding=128 host1.example TYPE41");

        Assert.Equal("FORMERR", r.Status);
        Assert.Contains("OPT is not a question type", r.Output);
    }

    [Fact]
    public void MetaQueryTypeWithBareOpt_NotImpNoLargerThanTheQuery()
    {
        // 40 octets: header, question, an OPT without options. The EDE text would make it 72.
        byte[] query = Query(RecordType.MAILA);
        byte[] wire = RawDns.Udp(server.Address, server.Port, query, timeoutMs: 3000) ?? throw new InvalidOperationException("no reply");
        DnsMessage reply = DnsMessage.Parse(wire);
        int length = wire.Length;

        Assert.Equal(DnsRcode.NotImp, reply.Rcode);
        Assert.True(length <= query.Length, $"{length}-octet reply to a {query.Length}-octet query");
    }

    [Fact]
    public void MalformedClientSubnetWithCookie_FormErrNoLargerThanTheQuery()
    {
        // A client cookie (the server would answer 28 octets of COOKIE) and an ECS with FAMILY 9.
        byte[] query = Query(RecordType.A,
            new EdnsOption(EdnsOptionCode.Cookie, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }),
            new EdnsOption(EdnsOptionCode.ClientSubnet, new byte[] { 0, 9, 8, 0, 10 }));
        byte[] wire = RawDns.Udp(server.Address, server.Port, query, timeoutMs: 3000) ?? throw new InvalidOperationException("no reply");
        DnsMessage reply = DnsMessage.Parse(wire);
        int length = wire.Length;

        Assert.Equal(DnsRcode.FormErr, reply.Rcode);
        Assert.True(length <= query.Length, $"{length}-octet reply to a {query.Length}-octet query");
    }

    private static byte[] Query(RecordType type, params EdnsOption[] options)
    {
        var q = new DnsMessage();
        q.Header.Id = 4242;
        q.Questions.Add(new DnsQuestion(DnsName.Parse("host1.example."), type));
        q.Edns = new EdnsRecord();
        q.Edns.Options.AddRange(options);
        return q.ToArray();
    }
}
