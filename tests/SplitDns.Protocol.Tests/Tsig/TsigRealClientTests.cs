using SplitDns.Protocol.Records;
using SplitDns.Protocol.Tsig;
using SplitDns.Protocol.Wire;
using static SplitDns.Protocol.Tests.Tsig.TestMessages;

namespace SplitDns.Protocol.Tests.Tsig;

/// <summary>
/// Real clients (nsupdate, knsupdate, dig, kdig) against a fake server on 127.0.0.1: their
/// signed requests verify with our code, and our signed answers verify with theirs.
/// </summary>
public class TsigRealClientTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    [Theory]
    [MemberData(nameof(TestKeys.AlgorithmNames), MemberType = typeof(TestKeys))]
    public async Task Nsupdate_SignedUpdate_VerifiesAndAcceptsOurSignedResponse(string algorithm)
    {
        TsigKey key = TestKeys.Key(algorithm);
        await using var server = new FakeDnsServer(TsigTestServer.SignedAnswers(TestKeys.Ring(key)));

        ToolResult run = await ClientTool.RunAsync("nsupdate", ["-y", $"{algorithm}:key-name:{TestKeys.Secret}", "-t", "5"],
            UpdateScript(server.Port), s_timeout);

        byte[] captured = SingleRequest(server, run);
        Assert.Equal(DnsOpcode.Update, Opcode(captured));
        Assert.Equal(TsigStatus.Valid, TsigVerifier.VerifyRequest(captured, TestKeys.Ring(key), Now).Status);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("TSIG", run.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(TestKeys.AlgorithmNames), MemberType = typeof(TestKeys))]
    public async Task Knsupdate_SignedUpdate_VerifiesAndAcceptsOurSignedResponse(string algorithm)
    {
        TsigKey key = TestKeys.Key(algorithm);
        await using var server = new FakeDnsServer(TsigTestServer.SignedAnswers(TestKeys.Ring(key)));

        ToolResult run = await ClientTool.RunAsync("knsupdate", ["-y", $"{algorithm}:key-name:{TestKeys.Secret}", "-t", "5"],
            UpdateScript(server.Port) + "quit\n", s_timeout);

        byte[] captured = SingleRequest(server, run);
        Assert.Equal(DnsOpcode.Update, Opcode(captured));
        Assert.Equal(TsigStatus.Valid, TsigVerifier.VerifyRequest(captured, TestKeys.Ring(key), Now).Status);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("error", run.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Nsupdate_CapturedUpdate_WrongSecretUnknownKeyAndSkewedClockFail()
    {
        TsigKey key = TestKeys.Key();
        await using var server = new FakeDnsServer(TsigTestServer.SignedAnswers(TestKeys.Ring(key)));
        ToolResult run = await ClientTool.RunAsync("nsupdate", ["-y", $"hmac-sha256:key-name:{TestKeys.Secret}", "-t", "5"],
            UpdateScript(server.Port), s_timeout);
        byte[] captured = SingleRequest(server, run);

        TsigKeyRing wrongSecret = TestKeys.Ring(TestKeys.Key(secret: TestKeys.OtherSecret));
        TsigKeyRing otherName = TestKeys.Ring(TestKeys.Key(name: "other-key."));
        Assert.Equal(TsigStatus.BadSig, TsigVerifier.VerifyRequest(captured, wrongSecret, Now).Status);
        Assert.Equal(TsigStatus.BadKey, TsigVerifier.VerifyRequest(captured, otherName, Now).Status);
        Assert.Equal(TsigStatus.BadTime, TsigVerifier.VerifyRequest(captured, TestKeys.Ring(key), Now + 3600).Status);
        Assert.Equal(TsigStatus.BadTime, TsigVerifier.VerifyRequest(captured, TestKeys.Ring(key), Now - 3600).Status);
    }

    [Fact]
    public async Task Knsupdate_KeyConfiguredMixedCase_VerifiesAndEchoesClientsCase()
    {
        // knsupdate (like nsupdate) lowercases the -y name; we configure "MyKey." and must still
        // verify, then answer with the owner name as received ("mykey."), not as configured.
        TsigKey configured = TestKeys.Key(name: "MyKey.");
        await using var server = new FakeDnsServer(TsigTestServer.SignedAnswers(TestKeys.Ring(configured)));

        ToolResult run = await ClientTool.RunAsync("knsupdate", ["-y", $"hmac-sha256:MyKey:{TestKeys.Secret}", "-t", "5"],
            UpdateScript(server.Port) + "quit\n", s_timeout);

        byte[] captured = SingleRequest(server, run);
        TsigVerifyResult verified = TsigVerifier.VerifyRequest(captured, TestKeys.Ring(configured), Now);
        Assert.Equal(TsigStatus.Valid, verified.Status);
        Assert.Equal("mykey.", verified.OwnerName.ToString());
        byte[] response = SignResponse(Response(captured, []), verified, Now);
        Assert.Equal("mykey.", TsigTestWire.Find(response).OwnerName.ToString());
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task Nsupdate_UnknownKey_GetsNotAuthBadKey()
    {
        await using var server = new FakeDnsServer(TsigTestServer.SignedAnswers(TestKeys.Ring(TestKeys.Key(name: "other-key."))));

        ToolResult run = await ClientTool.RunAsync("nsupdate", ["-y", $"hmac-sha256:key-name:{TestKeys.Secret}", "-t", "5"],
            UpdateScript(server.Port), s_timeout);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("NOTAUTH", run.Output, StringComparison.Ordinal);
        Assert.Contains("BADKEY", run.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("BADSIG", 0)]
    [InlineData("BADTIME", 3600)]
    public async Task Nsupdate_ServerRejectsSignature_ReportsTsigErrorFromOurResponse(string error, long serverClockSkew)
    {
        TsigKey serverKey = error == "BADSIG" ? TestKeys.Key(secret: TestKeys.OtherSecret) : TestKeys.Key();
        await using var server = new FakeDnsServer(TsigTestServer.SignedAnswers(TestKeys.Ring(serverKey), serverClockSkew));

        ToolResult run = await ClientTool.RunAsync("nsupdate", ["-y", $"hmac-sha256:key-name:{TestKeys.Secret}", "-t", "5"],
            UpdateScript(server.Port), s_timeout);

        // nsupdate checks the MAC of our signed BADTIME answer before it reports the clock
        // ("clocks are unsynchronized"); a bad MAC would read "tsig verify failure".
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"update failed: NOTAUTH({error})", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("verify failure", run.Output, StringComparison.Ordinal);
        if (error == "BADTIME")
        {
            Assert.Contains("clocks are unsynchronized", run.Output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(TestKeys.AlgorithmNames), MemberType = typeof(TestKeys))]
    public async Task Dig_SignedQuery_VerifiesAndAcceptsOurSignedResponse(string algorithm)
    {
        TsigKey key = TestKeys.Key(algorithm);
        await using var server = new FakeDnsServer(TsigTestServer.SignedAnswers(TestKeys.Ring(key)));

        ToolResult run = await Dig(server.Port, algorithm, TestKeys.Secret, "SOA");

        byte[] captured = SingleRequest(server, run);
        Assert.Equal(TsigStatus.Valid, TsigVerifier.VerifyRequest(captured, TestKeys.Ring(key), Now).Status);
        AssertDigAccepted(run);
        Assert.Contains("status: NOERROR", run.Output, StringComparison.Ordinal);
        Assert.Contains("hostmaster.example.com.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dig_ResponseWithCorruptedMac_DigReportsFailure()
    {
        // Control for AssertDigAccepted: a response dig cannot verify must show in its output.
        TsigKey key = TestKeys.Key();
        Func<byte[], bool, IReadOnlyList<byte[]>> honest = TsigTestServer.SignedAnswers(TestKeys.Ring(key));
        await using var server = new FakeDnsServer((request, tcp) =>
        [
            TsigTestWire.ReplaceTsig(honest(request, tcp)[0], d =>
            {
                byte[] mac = d.Mac.ToArray();
                mac[^1] ^= 0x01;
                return TsigTestWire.WithMac(d, mac);
            }),
        ]);

        ToolResult run = await Dig(server.Port, "hmac-sha256", TestKeys.Secret, "SOA");

        Assert.Contains("tsig verify failure", run.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Dig_Axfr_RequestVerifiesAndStreamOfFourSignedMessagesAccepted()
    {
        TsigKey key = TestKeys.Key();
        var ring = TestKeys.Ring(key);
        await using var server = new FakeDnsServer((request, tcp) =>
        {
            TsigVerifyResult verified = TsigVerifier.VerifyRequest(request, ring, Now);
            return tcp && verified.IsValid ? TsigTestServer.AxfrStream(request, verified, messages: 4, recordsPerMessage: 3) : [];
        });

        ToolResult run = await Dig(server.Port, "hmac-sha256", TestKeys.Secret, "AXFR");

        (byte[] captured, bool tcp) = Assert.Single(server.Received);
        Assert.True(tcp);
        Assert.Equal(TsigStatus.Valid, TsigVerifier.VerifyRequest(captured, ring, Now).Status);
        AssertDigAccepted(run);
        Assert.Contains("host11.example.com.", run.Output, StringComparison.Ordinal);
        Assert.Contains("XFR size: 14 records (messages 4", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kdig_Axfr_StreamOfFourSignedMessagesAccepted()
    {
        TsigKey key = TestKeys.Key("hmac-sha512");
        var ring = TestKeys.Ring(key);
        await using var server = new FakeDnsServer((request, tcp) =>
        {
            TsigVerifyResult verified = TsigVerifier.VerifyRequest(request, ring, Now);
            return tcp && verified.IsValid ? TsigTestServer.AxfrStream(request, verified, messages: 4, recordsPerMessage: 3) : [];
        });

        ToolResult run = await Kdig(server.Port, "hmac-sha512", "AXFR");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("host11.example.com.", run.Output, StringComparison.Ordinal);
        Assert.Contains("(4 messages, 14 records)", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("ERROR:", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("WARNING", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("failed", run.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Dig_AxfrWithCorruptedThirdMessage_DigReportsFailure()
    {
        // Control: dig verifies the later, timers-only messages too, so a bad MAC there shows.
        await using var server = CorruptingAxfrServer(TestKeys.Key(), corruptIndex: 2);

        ToolResult run = await Dig(server.Port, "hmac-sha256", TestKeys.Secret, "AXFR");

        Assert.Contains("verify failure", run.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Kdig_AxfrWithCorruptedFirstMessage_KdigReportsFailure()
    {
        // Control: kdig 3.2 verifies the first message of a transfer only (a corrupted third
        // message goes unnoticed), so the dig tests are the ones that prove the chained MACs.
        await using var server = CorruptingAxfrServer(TestKeys.Key("hmac-sha512"), corruptIndex: 0);

        ToolResult run = await Kdig(server.Port, "hmac-sha512", "AXFR");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("failed to verify TSIG", run.Output, StringComparison.Ordinal);
    }

    private static string UpdateScript(int port) =>
        $"server 127.0.0.1 {port}\nzone example.com.\nupdate add foo.example.com. 300 A 192.0.2.10\nsend\n";

    private static Task<ToolResult> Dig(int port, string algorithm, string secret, string type) =>
        ClientTool.RunAsync("dig",
            ["-y", $"{algorithm}:key-name:{secret}", "@127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "example.com.", type, "+tries=1", "+time=3"], null, s_timeout);

    private static Task<ToolResult> Kdig(int port, string algorithm, string type) =>
        ClientTool.RunAsync("kdig",
            ["-y", $"{algorithm}:key-name:{TestKeys.Secret}", "@127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "example.com.", type, "+timeout=3", "+retry=0"], null, s_timeout);

    private static FakeDnsServer CorruptingAxfrServer(TsigKey key, int corruptIndex) => new((request, tcp) =>
    {
        TsigVerifyResult verified = TsigVerifier.VerifyRequest(request, TestKeys.Ring(key), Now);
        if (!tcp || !verified.IsValid)
        {
            return [];
        }

        var stream = TsigTestServer.AxfrStream(request, verified, messages: 4, recordsPerMessage: 3).ToArray();
        stream[corruptIndex] = TsigTestWire.ReplaceTsig(stream[corruptIndex], d =>
        {
            byte[] mac = d.Mac.ToArray();
            mac[0] ^= 0x80;
            return TsigTestWire.WithMac(d, mac);
        });
        return stream;
    });

    private static void AssertDigAccepted(ToolResult run)
    {
        Assert.True(run.ExitCode == 0, run.ToString());
        // dig exits 0 even when a TSIG fails; it says so only in its output (see the control tests).
        Assert.DoesNotContain("Couldn't verify", run.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("could not be validated", run.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("verify failure", run.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("failed", run.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("TSIG", run.Output, StringComparison.Ordinal);
        Assert.Contains("NOERROR 0", run.Output, StringComparison.Ordinal);
    }

    private static byte[] SingleRequest(FakeDnsServer server, ToolResult run)
    {
        Assert.True(server.Received.Count == 1, $"expected one request, got {server.Received.Count}\n{run}");
        server.Received.TryPeek(out var first);
        return first.Message;
    }

    private static DnsOpcode Opcode(byte[] message) => (DnsOpcode)((message[2] >> 3) & 0xF);

}
