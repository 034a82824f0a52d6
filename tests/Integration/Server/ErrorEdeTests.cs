using SplitDns.Integration.Tests.Infrastructure;

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
        DigResult r = server.Dig.KQuery("+edns host1.example TYPE41");

        Assert.Equal("FORMERR", r.Status);
        Assert.Contains("OPT is not a question type", r.Output);
    }
}
