using SplitDns.Protocol.Records;
using SplitDns.Protocol.Tsig;
using static SplitDns.Protocol.Tests.Tsig.TestMessages;

namespace SplitDns.Protocol.Tests.Tsig;

public class TsigStreamSignerTests
{
    private const ulong T0 = 1_700_000_000;

    [Theory]
    [MemberData(nameof(TestKeys.AlgorithmNames), MemberType = typeof(TestKeys))]
    public void TrySign_FiveMessages_EachVerifiesWithStreamVerifier(string algorithm)
    {
        TsigKey key = TestKeys.Key(algorithm);
        (byte[] request, byte[] requestMac, TsigVerifyResult verified) = AxfrRequest(key);
        IReadOnlyList<byte[]> stream = TsigTestServer.AxfrStream(request, verified, messages: 5, recordsPerMessage: 2);

        var verifier = new TsigStreamVerifier(key, requestMac);
        foreach (byte[] message in stream)
        {
            Assert.Equal(TsigStatus.Valid, verifier.Verify(message, Now).Status);
        }

        Assert.Equal(5, verifier.MessagesVerified);
    }

    [Fact]
    public void TrySign_LaterMessages_CoverTimersOnlyNotAllVariables()
    {
        // RFC 8945 §5.3.1: message 2 verifies as "prior MAC + message + timers", and not as a
        // stand-alone response chained to message 1's MAC (which would digest all variables).
        TsigKey key = TestKeys.Key();
        (byte[] request, byte[] requestMac, TsigVerifyResult verified) = AxfrRequest(key);
        IReadOnlyList<byte[]> stream = TsigTestServer.AxfrStream(request, verified, messages: 2, recordsPerMessage: 1);
        byte[] firstMac = TsigTestWire.Find(stream[0]).Data.Mac.ToArray();

        Assert.Equal(TsigStatus.Valid, TsigVerifier.VerifyResponse(stream[0], key, requestMac, Now).Status);
        Assert.Equal(TsigStatus.BadSig, TsigVerifier.VerifyResponse(stream[1], key, firstMac, Now).Status);
    }

    [Fact]
    public void Verify_MessagesSwapped_BadSig()
    {
        TsigKey key = TestKeys.Key();
        (byte[] request, byte[] requestMac, TsigVerifyResult verified) = AxfrRequest(key);
        IReadOnlyList<byte[]> stream = TsigTestServer.AxfrStream(request, verified, messages: 3, recordsPerMessage: 1);

        var verifier = new TsigStreamVerifier(key, requestMac);
        Assert.Equal(TsigStatus.Valid, verifier.Verify(stream[0], Now).Status);
        Assert.Equal(TsigStatus.BadSig, verifier.Verify(stream[2], Now).Status);
    }

    [Fact]
    public void Verify_FirstMessageUnsigned_BadSig()
    {
        TsigKey key = TestKeys.Key();
        (byte[] request, byte[] requestMac, _) = AxfrRequest(key);

        var verifier = new TsigStreamVerifier(key, requestMac);

        Assert.Equal(TsigStatus.BadSig, verifier.Verify(Response(request, [TsigTestServer.Soa]), Now).Status);
    }

    [Fact]
    public void Verify_HundredUnsignedInARow_BadSig()
    {
        TsigKey key = TestKeys.Key();
        (byte[] request, byte[] requestMac, TsigVerifyResult verified) = AxfrRequest(key);
        byte[] first = TsigTestServer.AxfrStream(request, verified, messages: 1, recordsPerMessage: 1)[0];
        byte[] unsigned = Response(request, [TsigTestServer.Soa], includeQuestion: false);

        var verifier = new TsigStreamVerifier(key, requestMac);
        Assert.Equal(TsigStatus.Valid, verifier.Verify(first, Now).Status);
        for (int i = 0; i < TsigStreamVerifier.MaxUnsignedInRow; i++)
        {
            Assert.Equal(TsigStatus.Unsigned, verifier.Verify(unsigned, Now).Status);
        }

        Assert.Equal(TsigStatus.BadSig, verifier.Verify(unsigned, Now).Status);
    }

    [Fact]
    public void Constructor_InvalidRequest_Throws()
    {
        (byte[] request, _) = SignRequest(Query("example.com.", RecordType.AXFR), TestKeys.Key(), T0);
        TsigVerifyResult badKey = TsigVerifier.VerifyRequest(request, TestKeys.Ring(TestKeys.Key(name: "other.")), T0);

        Assert.Throws<ArgumentException>(() => new TsigStreamSigner(badKey));
    }

    private static (byte[] Request, byte[] Mac, TsigVerifyResult Verified) AxfrRequest(TsigKey key)
    {
        (byte[] request, byte[] mac) = SignRequest(Query("example.com.", RecordType.AXFR), key, Now);
        TsigVerifyResult verified = TsigVerifier.VerifyRequest(request, TestKeys.Ring(key), Now);
        Assert.True(verified.IsValid);
        return (request, mac, verified);
    }
}
