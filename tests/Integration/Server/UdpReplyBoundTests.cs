using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Server;

/// <summary>
/// An UPDATE or NOTIFY refused over UDP with an Extended DNS Error is never larger than the
/// request (found by the mutation run: the EDE text made such replies up to twice the request,
/// an amplifier for spoofed sources). The RCODE stays; over TCP the EDE text is kept.
/// </summary>
public class UdpReplyBoundTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData(DnsOpcode.Update)]
    [InlineData(DnsOpcode.Notify)]
    public void Refusal_over_udp_is_no_larger_than_the_request(DnsOpcode opcode)
    {
        byte[] request = Request(opcode, 0x5151);

        byte[] reply = RawDns.Udp(server.Address, server.Port, request, 3000)!;

        Assert.True(reply.Length <= request.Length, $"{reply.Length}-byte reply to a {request.Length}-byte {opcode}");
        DnsMessage m = DnsMessage.Parse(reply);
        Assert.Equal(0x5151, m.Id);
        Assert.Equal(DnsRcode.NotAuth, m.Rcode);
    }

    [Fact]
    public void Refusal_over_tcp_keeps_the_extended_error_text()
    {
        using var s = RawDns.Connect(server.Address, server.Port);
        s.Send(RawDns.Frame(Request(DnsOpcode.Update, 0x5252)));

        DnsMessage m = DnsMessage.Parse(RawDns.ReadFrame(s)!);

        Assert.Equal(DnsRcode.NotAuth, m.Rcode);
        Assert.Contains(m.Edns!.GetExtendedErrors(), e => e.Text is { Length: > 0 });
    }

    private static byte[] Request(DnsOpcode opcode, ushort id)
    {
        var m = new DnsMessage { Header = new DnsHeader { Id = id, Opcode = opcode } };
        m.Questions.Add(new DnsQuestion(DnsName.Parse("not-served.test."), RecordType.SOA));
        m.Edns = new EdnsRecord();
        return m.ToArray();
    }
}
