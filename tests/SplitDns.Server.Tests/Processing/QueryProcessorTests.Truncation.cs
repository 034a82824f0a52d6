using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Tests.Processing;

public partial class QueryProcessorTests
{
    // big.chains.test has seven 105-byte TXT records: about 800 bytes of answer.
    [Fact]
    public void Process_UdpWithoutEdns_TruncatedTo512WithTc()
    {
        byte[] reply = _h.Send(Harness.BuildQuery("big.chains.test.", RecordType.TXT, edns: false))!;
        DnsMessage r = DnsMessage.Parse(reply);

        Assert.True(reply.Length <= 512);
        Assert.True(r.Header.Truncated);
        Assert.Empty(r.Answers);
    }

    [Fact]
    public void Process_UdpWithEdns1232_FitsWithoutTc()
    {
        DnsMessage r = _h.Query("big.chains.test.", RecordType.TXT);

        Assert.False(r.Header.Truncated);
        Assert.Equal(7, r.Answers.Count);
    }

    [Fact]
    public void Process_UdpEdnsSizeBelow512_TreatedAs512()
    {
        byte[] reply = _h.Send(Harness.BuildQuery("big.chains.test.", RecordType.TXT, edit: q => q.Edns!.UdpPayloadSize = 100))!;

        Assert.True(DnsMessage.Parse(reply).Header.Truncated);
        Assert.True(reply.Length is > 12 and <= 512);
    }

    [Fact]
    public void Process_UdpEdnsSizeAboveCap_CappedAt1232()
    {
        string[] many = Enumerable.Range(0, 5).Select(_ => "big.chains.test.").ToArray();
        byte[] reply = _h.Send(Harness.BuildQuery("big.chains.test.", RecordType.TXT, edit: q => q.Edns!.UdpPayloadSize = 4096))!;

        Assert.True(reply.Length <= 1232);
        Assert.NotEmpty(many);
    }

    [Fact]
    public void Process_Tcp_NoTruncation()
    {
        DnsMessage r = _h.Query("big.chains.test.", RecordType.TXT, DnsTransport.Tcp, edns: false);

        Assert.False(r.Header.Truncated);
        Assert.Equal(7, r.Answers.Count);
    }

    [Fact]
    public void Process_AuthoritativeHit_AllocatesNothing()
    {
        // STYLE rule 10: zero managed allocations per UDP query on an authoritative hit.
        byte[] query = Harness.BuildQuery("host1.example.", RecordType.A);
        byte[] wildcard = Harness.BuildQuery("WildCard-Name.example.", RecordType.MX);
        byte[] nx = Harness.BuildQuery("nope.chains.test.", RecordType.A);

        Assert.Equal(0, _h.MeasureAllocations(query));
        Assert.Equal(0, _h.MeasureAllocations(wildcard));
        Assert.Equal(0, _h.MeasureAllocations(nx));
    }
}
