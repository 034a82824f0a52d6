using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Tests.Processing;

/// <summary>EDNS (RFC 6891), opcodes, malformed input and truncation on the in-process path.</summary>
public partial class QueryProcessorTests : IDisposable
{
    private readonly Harness _h = Harness.WithFixtures("rfc4592.zone", "chains.cname.zone");

    public void Dispose() => _h.Dispose();

    [Fact]
    public void Process_QueryWithoutOpt_ReplyWithoutOpt()
    {
        DnsMessage r = _h.Query("host1.example.", RecordType.A, edns: false);

        Assert.Null(r.Edns);
        Assert.Single(r.Answers);
    }

    [Fact]
    public void Process_QueryWithOpt_ReplyAdvertises1232AndVersion0()
    {
        DnsMessage r = _h.Query("host1.example.", RecordType.A);

        Assert.NotNull(r.Edns);
        Assert.Equal(1232, r.Edns!.UdpPayloadSize);
        Assert.Equal(0, r.Edns.Version);
        Assert.False(r.Edns.DnssecOk);
    }

    [Fact]
    public void Process_EdnsVersion1_BadVersWithVersion0()
    {
        DnsMessage r = _h.Query("host1.example.", RecordType.A, edit: q => q.Edns!.Version = 1);

        Assert.Equal(DnsRcode.BadVers, r.Rcode);
        Assert.Equal(0, r.Edns!.Version);
        Assert.Empty(r.Answers);
    }

    [Fact]
    public void Process_DoBitAndUnknownFlags_DoEchoedOthersCleared()
    {
        DnsMessage r = _h.Query("host1.example.", RecordType.A, edit: q => q.Edns!.Flags = 0x8000 | 0x4000 | 0x0001);

        Assert.Equal(0x8000, r.Edns!.Flags);
    }

    [Fact]
    public void Process_UnknownOption_IgnoredAndNotEchoed()
    {
        DnsMessage r = _h.Query("host1.example.", RecordType.A,
            edit: q => q.Edns!.Options.Add(new EdnsOption((EdnsOptionCode)65001, new byte[] { 1, 2, 3 })));

        Assert.Equal(DnsRcode.NoError, r.Rcode);
        Assert.Empty(r.Edns!.Options);
        Assert.Single(r.Answers);
    }

    [Fact]
    public void Process_UnknownOpcode_NotImp()
    {
        DnsMessage r = DnsMessage.Parse(_h.Send(Harness.BuildQuery("host1.example.", RecordType.A, edit: q => q.Header.Opcode = (DnsOpcode)3))!);

        Assert.Equal(DnsRcode.NotImp, r.Rcode);
        Assert.True(r.Header.IsResponse);
    }

    [Theory]
    [InlineData(DnsOpcode.Update)]
    [InlineData(DnsOpcode.Notify)]
    [InlineData(DnsOpcode.Status)]
    public void Process_OpcodeWithoutHandler_NotImp(DnsOpcode opcode)
    {
        byte[] reply = _h.Send(Harness.BuildQuery("example.", RecordType.SOA, edit: q => q.Header.Opcode = opcode))!;

        Assert.Equal(DnsRcode.NotImp, DnsMessage.Parse(reply).Rcode);
        Assert.Equal(opcode, DnsMessage.Parse(reply).Header.Opcode);
    }

    [Theory]
    [InlineData(RecordType.AXFR)]
    [InlineData(RecordType.IXFR)]
    public void Process_TransferWithoutHandler_Refused(RecordType type)
    {
        DnsMessage r = _h.Query("example.", type, DnsTransport.Tcp);

        Assert.Equal(DnsRcode.Refused, r.Rcode);
        Assert.Contains((ushort)ExtendedDnsErrorCode.Prohibited, r.EdeCodes());
    }

    [Fact]
    public void Process_ChaosVersionBind_AnsweredWithConfiguredText()
    {
        DnsMessage r = _h.Query("version.bind.", RecordType.TXT, cls: DnsClass.CH);

        Assert.Equal(DnsRcode.NoError, r.Rcode);
        Assert.Equal("\"SplitDns test\"", r.Answers.Single().Data.ToString());
        Assert.Equal(DnsClass.CH, r.Answers.Single().Class);
    }

    [Fact]
    public void Process_ChaosIdServerUnconfigured_Refused()
    {
        Assert.Equal(DnsRcode.Refused, _h.Query("id.server.", RecordType.TXT, cls: DnsClass.CH).Rcode);
        Assert.Equal(DnsRcode.Refused, _h.Query("host1.example.", RecordType.A, cls: DnsClass.CH).Rcode);
    }

    [Fact]
    public void Process_QtypeOpt_FormErr()
    {
        Assert.Equal(DnsRcode.FormErr, _h.Query("host1.example.", RecordType.OPT).Rcode);
    }

    [Fact]
    public void Process_QidAndRdAndCd_Echoed()
    {
        DnsMessage r = _h.Query("host1.example.", RecordType.A, edit: q =>
        {
            q.Header.Id = 0xBEEF;
            q.Header.RecursionDesired = true;
            q.Header.CheckingDisabled = true;
        });

        Assert.Equal(0xBEEF, r.Id);
        Assert.True(r.Header.RecursionDesired);
        Assert.True(r.Header.CheckingDisabled);
        Assert.False(r.Header.RecursionAvailable);
    }
}
