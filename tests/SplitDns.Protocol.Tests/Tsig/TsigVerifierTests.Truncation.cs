using FsCheck;
using FsCheck.Fluent;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Tsig;
using SplitDns.Protocol.Wire;
using static SplitDns.Protocol.Tests.Tsig.TestMessages;

namespace SplitDns.Protocol.Tests.Tsig;

/// <summary>MAC truncation (RFC 8945 §5.2.2.1) and tampering.</summary>
public partial class TsigVerifierTests
{
    [Fact]
    public void VerifyRequest_TruncatedMacBelowKeyPolicy_BadTrunc()
    {
        TsigKey key = TestKeys.Key();
        byte[] truncated = Truncate(SignRequest(Update(), key, T0).Signed, 16);

        TsigVerifyResult result = TsigVerifier.VerifyRequest(truncated, TestKeys.Ring(key), T0);

        Assert.Equal(TsigStatus.BadTrunc, result.Status);
        Assert.Equal(DnsRcode.BadTrunc, result.Error);
    }

    [Fact]
    public void VerifyRequest_TruncatedMacAllowedByKeyPolicy_Valid()
    {
        TsigKey key = TestKeys.Key();
        byte[] truncated = Truncate(SignRequest(Update(), key, T0).Signed, 16);
        var lenient = new TsigKey(key.Name, key.Algorithm, Convert.FromBase64String(TestKeys.Secret), minimumMacLength: 16);

        TsigVerifyResult result = TsigVerifier.VerifyRequest(truncated, TestKeys.Ring(lenient), T0);

        Assert.Equal(TsigStatus.Valid, result.Status);
        Assert.Equal(16, result.Mac.Length);
    }

    [Fact]
    public void VerifyRequest_TruncatedWrongMac_BadSigBeforeBadTrunc()
    {
        TsigKey key = TestKeys.Key();
        byte[] truncated = Truncate(SignRequest(Update(), key, T0).Signed, 16);
        TsigKeyRing wrongSecret = TestKeys.Ring(TestKeys.Key(secret: TestKeys.OtherSecret));

        Assert.Equal(TsigStatus.BadSig, TsigVerifier.VerifyRequest(truncated, wrongSecret, T0).Status);
    }

    [Theory]
    [InlineData("hmac-sha256", 15)]
    [InlineData("hmac-sha256", 1)]
    [InlineData("hmac-md5", 9)]
    public void VerifyRequest_MacBelowRfcMinimum_FormatError(string algorithm, int length)
    {
        TsigKey key = TestKeys.Key(algorithm);
        byte[] truncated = Truncate(SignRequest(Update(), key, T0).Signed, length);

        var error = Assert.Throws<DnsFormatException>(() => TsigVerifier.VerifyRequest(truncated, TestKeys.Ring(key), T0));
        Assert.Equal(DnsFormatError.BadTsig, error.Error);
    }

    [Fact]
    public void VerifyRequest_MacLongerThanAlgorithm_FormatError()
    {
        TsigKey key = TestKeys.Key();
        byte[] signed = SignRequest(Update(), key, T0).Signed;
        byte[] longer = TsigTestWire.ReplaceTsig(signed, d => TsigTestWire.WithMac(d, [.. d.Mac, 0]));

        Assert.Throws<DnsFormatException>(() => TsigVerifier.VerifyRequest(longer, TestKeys.Ring(key), T0));
    }

    [Fact]
    public void VerifyRequest_EmptyMac_BadSig()
    {
        TsigKey key = TestKeys.Key();
        byte[] empty = Truncate(SignRequest(Update(), key, T0).Signed, 0);

        Assert.Equal(TsigStatus.BadSig, TsigVerifier.VerifyRequest(empty, TestKeys.Ring(key), T0).Status);
    }

    [Fact]
    public void TrySignResponse_BadTruncRequest_SignedNotAuthWithError22()
    {
        TsigKey key = TestKeys.Key();
        (byte[] request, byte[] mac) = SignRequest(Update(), key, T0);
        byte[] truncated = Truncate(request, 16);
        TsigVerifyResult verified = TsigVerifier.VerifyRequest(truncated, TestKeys.Ring(key), T0);

        byte[] response = SignResponse(Response(truncated, []), verified, T0);

        Assert.Equal((ushort)DnsRcode.NotAuth, Rcode(response));
        TsigRecord record = TsigTestWire.Find(response);
        Assert.Equal((ushort)DnsRcode.BadTrunc, record.Data.Error);
        Assert.Equal(32, record.Data.Mac.Length);
        // The client chains the MAC it sent (16 octets) and sees the server's error.
        TsigVerifyResult seen = TsigVerifier.VerifyResponse(response, key, mac.AsSpan(0, 16), T0);
        Assert.Equal(TsigStatus.PeerError, seen.Status);
        Assert.Equal(DnsRcode.BadTrunc, seen.Error);
    }

    [Fact]
    public void VerifyRequest_AnyFlippedByteBeforeTsig_NeverValid()
    {
        TsigKey key = TestKeys.Key();
        TsigKeyRing ring = TestKeys.Ring(key);
        byte[] signed = SignRequest(Update(), key, T0).Signed;
        int tsigOffset = TsigTestWire.Find(signed).Offset;

        // Flipping any bit of the signed part must never verify (BADSIG, or FORMERR if the
        // structure broke). ID bytes are excluded: the MAC covers the original ID instead.
        Prop.ForAll(Gen.Choose(2, tsigOffset - 1).ToArbitrary(), Gen.Choose(0, 7).ToArbitrary(), (index, bit) =>
        {
            byte[] copy = (byte[])signed.Clone();
            copy[index] ^= (byte)(1 << bit);
            try
            {
                return TsigVerifier.VerifyRequest(copy, ring, T0).Status != TsigStatus.Valid;
            }
            catch (DnsFormatException)
            {
                return true;
            }
        }).QuickCheckThrowOnFailure();
    }

    private static byte[] Truncate(byte[] signed, int length) =>
        TsigTestWire.ReplaceTsig(signed, d => TsigTestWire.WithMac(d, d.Mac[..length].ToArray()));
}
