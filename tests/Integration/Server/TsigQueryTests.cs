using SplitDns.Integration.Tests.Infrastructure;

namespace SplitDns.Integration.Tests.Server;

/// <summary>
/// TSIG on ordinary queries (RFC 8945 §5) with real clients: dig and kdig verify the signed
/// answer themselves and say so when they cannot.
/// </summary>
public class TsigQueryTests(SignedServerFixture server) : IClassFixture<SignedServerFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Dig_SignedQuery_AnsweredAndSignatureVerified(bool tcp)
    {
        DigResult r = server.Dig.Query($"-y {SignedServerFixture.KeySpec} internal.example.com A", tcp);

        Assert.True(r.Status == "NOERROR", r.Output);
        Assert.Equal(["internal.example.com. 300 IN A 192.168.1.72"], r.Answer);
        Assert.Contains("TSIG PSEUDOSECTION", r.Output, StringComparison.Ordinal);
        AssertVerified(r.Output);
    }

    [Fact]
    public void Dig_SignedNxDomain_SignatureVerified()
    {
        DigResult r = server.Dig.Query($"-y {SignedServerFixture.KeySpec} nothing-here.chains.test A");

        Assert.True(r.Status == "NXDOMAIN", r.Output);
        Assert.Contains("TSIG PSEUDOSECTION", r.Output, StringComparison.Ordinal);
        AssertVerified(r.Output);
    }

    [Fact]
    public void Kdig_SignedQuery_SignatureVerified()
    {
        DigResult r = server.Dig.KQuery($"-y {SignedServerFixture.KeySpec} internal.example.com A");

        Assert.True(r.Status == "NOERROR", r.Output);
        Assert.Equal(["internal.example.com. 300 IN A 192.168.1.72"], r.Answer);
        Assert.Contains("TSIG PSEUDOSECTION", r.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("reply verification", r.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("WARNING", r.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SignedServerFixture.KeyName, SignedServerFixture.WrongSecret, "BADSIG")]
    [InlineData("stranger", SignedServerFixture.Secret, "BADKEY")]
    public void Dig_WrongSecretOrUnknownKey_NotAuthWithTsigError(string key, string secret, string error)
    {
        DigResult r = server.Dig.Query($"-y hmac-sha256:{key}:{secret} internal.example.com A");

        Assert.True(r.Status == "NOTAUTH", r.Output);
        Assert.Empty(r.Answer);
        Assert.Contains(error, r.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Dig_UnsignedQuery_AnswerUnsigned()
    {
        DigResult r = server.Dig.Query("internal.example.com A");

        Assert.Equal("NOERROR", r.Status);
        Assert.DoesNotContain("TSIG", r.Output, StringComparison.Ordinal);
    }

    // dig reports a response it cannot verify as ";; Couldn't verify signature: ..." (e.g.
    // "tsig verify failure", or "expected a TSIG or SIG(0)" when unsigned) and ends with
    // ";; WARNING -- Some TSIG could not be validated"; kdig says "WARNING: reply verification".
    private static void AssertVerified(string output)
    {
        Assert.DoesNotContain("could not be validated", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Couldn't verify", output, StringComparison.Ordinal);
        Assert.DoesNotContain("verify failure", output, StringComparison.Ordinal);
        Assert.DoesNotContain("expected a TSIG", output, StringComparison.Ordinal);
        Assert.DoesNotContain("BADSIG", output, StringComparison.Ordinal);
    }
}
