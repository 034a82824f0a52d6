using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Tsig;
using SplitDns.Protocol.Wire;
using static SplitDns.Protocol.Tests.Tsig.TestMessages;

namespace SplitDns.Protocol.Tests.Tsig;

public partial class TsigVerifierTests
{
    private const ulong T0 = 1_700_000_000;

    [Theory]
    [MemberData(nameof(TestKeys.AlgorithmNames), MemberType = typeof(TestKeys))]
    public void VerifyRequest_SignedByTrySignRequest_Valid(string algorithm)
    {
        TsigKey key = TestKeys.Key(algorithm);
        (byte[] signed, byte[] mac) = SignRequest(Update(), key, T0);

        TsigVerifyResult result = TsigVerifier.VerifyRequest(signed, TestKeys.Ring(key), T0 + 10);

        Assert.Equal(TsigStatus.Valid, result.Status);
        Assert.Same(key, result.Key);
        Assert.Equal(mac, result.Mac.ToArray());
        Assert.Equal(key.Algorithm.MacLength, mac.Length);
        Assert.Equal(1, AdditionalCount(signed));
    }

    [Theory]
    [MemberData(nameof(TestKeys.AlgorithmNames), MemberType = typeof(TestKeys))]
    public void VerifyResponse_SignedWithRequestMacChained_Valid(string algorithm)
    {
        TsigKey key = TestKeys.Key(algorithm);
        (byte[] request, byte[] requestMac) = SignRequest(Update(), key, T0);
        TsigVerifyResult verified = TsigVerifier.VerifyRequest(request, TestKeys.Ring(key), T0);
        byte[] response = SignResponse(Response(request, []), verified, T0 + 1);

        TsigVerifyResult result = TsigVerifier.VerifyResponse(response, key, requestMac, T0 + 2);

        Assert.Equal(TsigStatus.Valid, result.Status);
    }

    [Fact]
    public void VerifyResponse_OtherRequestMac_BadSig()
    {
        TsigKey key = TestKeys.Key();
        (byte[] request, byte[] requestMac) = SignRequest(Update(), key, T0);
        TsigVerifyResult verified = TsigVerifier.VerifyRequest(request, TestKeys.Ring(key), T0);
        byte[] response = SignResponse(Response(request, []), verified, T0);
        requestMac[0] ^= 1;

        Assert.Equal(TsigStatus.BadSig, TsigVerifier.VerifyResponse(response, key, requestMac, T0).Status);
    }

    [Fact]
    public void VerifyRequest_WrongSecret_BadSig()
    {
        (byte[] signed, _) = SignRequest(Update(), TestKeys.Key(), T0);
        TsigKeyRing ring = TestKeys.Ring(TestKeys.Key(secret: TestKeys.OtherSecret));

        TsigVerifyResult result = TsigVerifier.VerifyRequest(signed, ring, T0);

        Assert.Equal(TsigStatus.BadSig, result.Status);
        Assert.Equal(DnsRcode.BadSig, result.Error);
        Assert.True(result.RequiresErrorResponse);
    }

    [Fact]
    public void VerifyRequest_TamperedMessage_BadSig()
    {
        TsigKey key = TestKeys.Key();
        (byte[] signed, _) = SignRequest(Update(), key, T0);
        signed[TsigTestWire.Find(signed).Offset - 1] ^= 0x01;

        Assert.Equal(TsigStatus.BadSig, TsigVerifier.VerifyRequest(signed, TestKeys.Ring(key), T0).Status);
    }

    [Fact]
    public void VerifyRequest_UnknownKey_BadKey()
    {
        (byte[] signed, _) = SignRequest(Update(), TestKeys.Key(name: "who.example."), T0);

        TsigVerifyResult result = TsigVerifier.VerifyRequest(signed, TestKeys.Ring(TestKeys.Key()), T0);

        Assert.Equal(TsigStatus.BadKey, result.Status);
        Assert.Null(result.Key);
        Assert.Equal(DnsRcode.BadKey, result.Error);
    }

    [Fact]
    public void VerifyRequest_KnownKeyOtherAlgorithm_BadKey()
    {
        (byte[] signed, _) = SignRequest(Update(), TestKeys.Key("hmac-sha512"), T0);

        Assert.Equal(TsigStatus.BadKey, TsigVerifier.VerifyRequest(signed, TestKeys.Ring(TestKeys.Key("hmac-sha256")), T0).Status);
    }

    [Theory]
    [InlineData(-301, TsigStatus.BadTime)]
    [InlineData(-300, TsigStatus.Valid)]
    [InlineData(300, TsigStatus.Valid)]
    [InlineData(301, TsigStatus.BadTime)]
    public void VerifyRequest_ClockSkew_BadTimeOutsideFudge(int skew, TsigStatus expected)
    {
        TsigKey key = TestKeys.Key();
        (byte[] signed, _) = SignRequest(Update(), key, T0);

        TsigVerifyResult result = TsigVerifier.VerifyRequest(signed, TestKeys.Ring(key), (ulong)((long)T0 + skew));

        Assert.Equal(expected, result.Status);
    }

    [Fact]
    public void VerifyRequest_WrongMacAndSkewedClock_BadSigBeforeBadTime()
    {
        (byte[] signed, _) = SignRequest(Update(), TestKeys.Key(), T0);
        TsigKeyRing ring = TestKeys.Ring(TestKeys.Key(secret: TestKeys.OtherSecret));

        Assert.Equal(TsigStatus.BadSig, TsigVerifier.VerifyRequest(signed, ring, T0 + 10_000).Status);
    }

    [Fact]
    public void VerifyRequest_NoTsig_Unsigned()
    {
        TsigVerifyResult result = TsigVerifier.VerifyRequest(Update(), TestKeys.Ring(TestKeys.Key()), T0);

        Assert.Equal(TsigStatus.Unsigned, result.Status);
        Assert.False(result.RequiresErrorResponse);
    }

    [Fact]
    public void VerifyRequest_TsigNotLast_FormatError()
    {
        (byte[] signed, _) = SignRequest(Update(), TestKeys.Key(), T0);
        byte[] message = TsigTestWire.AppendAdditional(signed, Rr("extra.example.com.", 60, RecordType.A, "192.0.2.1"));

        var error = Assert.Throws<DnsFormatException>(() => TsigVerifier.VerifyRequest(message, TestKeys.Ring(TestKeys.Key()), T0));
        Assert.Equal(DnsFormatError.BadTsig, error.Error);
    }

    [Fact]
    public void VerifyRequest_TwoTsigs_FormatError()
    {
        TsigKey key = TestKeys.Key();
        (byte[] once, _) = SignRequest(Update(), key, T0);
        (byte[] twice, _) = SignRequest(once, key, T0);

        Assert.Equal(2, AdditionalCount(twice));
        var error = Assert.Throws<DnsFormatException>(() => TsigVerifier.VerifyRequest(twice, TestKeys.Ring(key), T0));
        Assert.Equal(DnsFormatError.BadTsig, error.Error);
    }

    [Fact]
    public void VerifyRequest_TsigInAnswerSection_FormatError()
    {
        TsigKey key = TestKeys.Key();
        (byte[] signed, _) = SignRequest(Query("example.com.", RecordType.SOA), key, T0);
        // Recount the TSIG as an answer: ANCOUNT 1, ARCOUNT 0.
        signed[7] = 1;
        signed[11] = 0;

        Assert.Throws<DnsFormatException>(() => TsigVerifier.VerifyRequest(signed, TestKeys.Ring(key), T0));
    }

    [Fact]
    public void VerifyRequest_BytesAfterTsig_FormatError()
    {
        TsigKey key = TestKeys.Key();
        (byte[] signed, _) = SignRequest(Update(), key, T0);

        Assert.Throws<DnsFormatException>(() => TsigVerifier.VerifyRequest([.. signed, 0], TestKeys.Ring(key), T0));
    }

    [Fact]
    public void VerifyRequest_OriginalIdDiffersFromHeaderId_ValidWithOriginalId()
    {
        // RFC 8945 §4.3.2: a forwarder may change the ID; the MAC covers the original one.
        TsigKey key = TestKeys.Key();
        (byte[] signed, _) = SignRequest(Update(id: 0x1111), key, T0);
        signed[0] = 0x22;
        signed[1] = 0x22;

        Assert.Equal(TsigStatus.Valid, TsigVerifier.VerifyRequest(signed, TestKeys.Ring(key), T0).Status);
        Assert.Equal(0x1111, TsigTestWire.Find(signed).Data.OriginalId);
    }

    [Fact]
    public void VerifyRequest_KeyNamedMixedCaseSignedLowercase_Valid()
    {
        // The MAC covers the canonical (lowercased) key name (RFC 8945 §4.3.3), so case never matters.
        (byte[] signed, _) = SignRequest(Update(), TestKeys.Key(name: "mykey."), T0);
        TsigKeyRing ring = TestKeys.Ring(TestKeys.Key(name: "MyKey."));

        TsigVerifyResult result = TsigVerifier.VerifyRequest(signed, ring, T0);

        Assert.Equal(TsigStatus.Valid, result.Status);
        Assert.Equal("mykey.", result.OwnerName.ToString());
    }

    [Fact]
    public void VerifyRequest_OwnerAndAlgorithmUppercasedOnWire_Valid()
    {
        TsigKey key = TestKeys.Key(name: "mykey.");
        (byte[] signed, _) = SignRequest(Update(), key, T0);
        int offset = TsigTestWire.Find(signed).Offset;
        // Owner (7 octets), type/class/TTL/RDLENGTH (10), algorithm (13): no MAC octet is touched.
        byte[] upper = TsigTestWire.Uppercase(signed, offset, offset + 30);
        TsigRecord record = TsigTestWire.Find(upper);
        Assert.Equal("MYKEY.", record.OwnerName.ToString());
        Assert.Equal("HMAC-SHA256.", record.Data.Algorithm.ToString());

        Assert.Equal(TsigStatus.Valid, TsigVerifier.VerifyRequest(upper, TestKeys.Ring(key), T0).Status);
    }

    [Fact]
    public void TrySignResponse_MixedCaseOwner_EchoesOwnerAndAlgorithmExactly()
    {
        TsigKey clientKey = TestKeys.Key(name: "MyKey.Example.");
        (byte[] request, byte[] requestMac) = SignRequest(Update(), clientKey, T0);
        TsigVerifyResult verified = TsigVerifier.VerifyRequest(request, TestKeys.Ring(TestKeys.Key(name: "mykey.example.")), T0);

        byte[] response = SignResponse(Response(request, []), verified, T0);

        TsigRecord record = TsigTestWire.Find(response);
        Assert.True(record.OwnerName.EqualsExact(DnsName.Parse("MyKey.Example.")));
        Assert.Equal(TsigStatus.Valid, TsigVerifier.VerifyResponse(response, clientKey, requestMac, T0).Status);
    }
}
