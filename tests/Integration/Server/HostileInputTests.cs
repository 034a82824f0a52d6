using System.Net.Sockets;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Server;

/// <summary>Garbage over UDP and TCP: FORMERR or silence, never more bytes than received, and normal service throughout.</summary>
public class HostileInputTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public void Corpus_HasAboutAHundredPackets()
    {
        Assert.InRange(HostileCorpus.Build().Count, 100, 200);
    }

    [Fact]
    public void Udp_EachHostilePacket_FormErrNoLargerAndServiceContinues()
    {
        var corpus = HostileCorpus.Build();
        int answered = 0;
        for (int i = 0; i < corpus.Count; i++)
        {
            (string family, byte[] packet) = corpus[i];
            byte[]? reply = RawDns.Udp(server.Address, server.Port, packet);
            if (reply is not null)
            {
                answered++;
                AssertFormErr(family, packet, reply);
            }

            if (i % 10 == 0)
            {
                AssertNormalServiceUdp();
            }
        }

        Assert.Equal(corpus.Count, answered);
        AssertNormalServiceUdp();
    }

    [Fact]
    public void Tcp_EachHostilePacket_FormErrNoLargerAndServiceContinues()
    {
        var corpus = HostileCorpus.Build();
        for (int i = 0; i < corpus.Count; i++)
        {
            (string family, byte[] packet) = corpus[i];
            using Socket s = RawDns.Connect(server.Address, server.Port);
            s.Send(RawDns.Frame(packet));
            byte[]? reply = RawDns.ReadFrame(s);
            Assert.NotNull(reply);
            AssertFormErr(family, packet, reply!);

            // The same connection still answers a good query after the garbage.
            s.Send(RawDns.Frame(RawDns.Query("host1.example.", RecordType.A, 77)));
            Assert.Single(DnsMessage.Parse(RawDns.ReadFrame(s)!).Answers);
        }
    }

    [Fact]
    public void Tcp_LengthPrefixBelowHeader_ConnectionClosedOthersServed()
    {
        using Socket s = RawDns.Connect(server.Address, server.Port);
        s.Send([0x00, 0x03, 0x01, 0x02, 0x03]);

        Assert.Null(RawDns.ReadFrame(s));
        Assert.Equal("NOERROR", server.Dig.Query("host1.example A", tcp: true).Status);
    }

    [Fact]
    public void Udp_ShortAndResponsePackets_Dropped()
    {
        Assert.Null(RawDns.Udp(server.Address, server.Port, [0x12, 0x34, 0x01]));
        byte[] response = RawDns.Query("host1.example.", RecordType.A, 5);
        response[2] |= 0x80;
        Assert.Null(RawDns.Udp(server.Address, server.Port, response));
        AssertNormalServiceUdp();
    }

    private static void AssertFormErr(string family, byte[] packet, byte[] reply)
    {
        Assert.True(reply.Length <= packet.Length, $"{family}: {reply.Length} bytes in reply to {packet.Length}");
        Assert.Equal(packet[0], reply[0]);
        Assert.Equal(packet[1], reply[1]);
        Assert.True((reply[3] & 0xF) == (int)DnsRcode.FormErr, $"{family}: rcode {reply[3] & 0xF}");
    }

    private void AssertNormalServiceUdp()
    {
        byte[] reply = RawDns.Udp(server.Address, server.Port, RawDns.Query("foo.example.", RecordType.TXT, 4242), 2000)!;
        DnsMessage m = DnsMessage.Parse(reply);
        Assert.Equal(4242, m.Id);
        Assert.Equal("foo.example. 3600 IN TXT \"this is a wildcard\"", m.Answers.Single().ToString().Replace('\t', ' '));
    }
}
