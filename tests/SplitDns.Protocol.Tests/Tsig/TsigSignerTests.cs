using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Tsig;
using SplitDns.Protocol.Wire;
using static SplitDns.Protocol.Tests.Tsig.TestMessages;

namespace SplitDns.Protocol.Tests.Tsig;

public class TsigSignerTests
{
    private const ulong T0 = 1_700_000_000;

    [Fact]
    public void TrySignRequest_Record_KeyNameClassAnyTtlZeroOriginalId()
    {
        TsigKey key = TestKeys.Key("hmac-sha384", name: "Update-Key.");

        (byte[] signed, byte[] mac) = SignRequest(Update(id: 0xbeef), key, T0, fudge: 120);

        TsigRecord record = TsigTestWire.Find(signed);
        Assert.Equal("Update-Key.", record.OwnerName.ToString());
        Assert.Equal(DnsClass.Any, record.Class);
        Assert.Equal(0u, record.Ttl);
        Assert.Equal("hmac-sha384.", record.Data.Algorithm.ToString());
        Assert.Equal(T0, record.Data.TimeSigned);
        Assert.Equal(120, record.Data.Fudge);
        Assert.Equal(0xbeef, record.Data.OriginalId);
        Assert.Equal(mac, record.Data.Mac.ToArray());
        Assert.Equal(Update().Length, record.Offset);
    }

    [Fact]
    public void TrySignRequest_BufferTooSmall_FalseAndMessageUntouched()
    {
        byte[] message = Update();
        byte[] buffer = new byte[message.Length + 20];
        message.CopyTo(buffer, 0);

        bool ok = TsigSigner.TrySignRequest(buffer, message.Length, TestKeys.Key(), T0, new byte[64], out int length);

        Assert.False(ok);
        Assert.Equal(message, buffer[..message.Length]);
        Assert.Equal(message.Length, length);
    }

    [Theory]
    [InlineData(TsigStatus.BadKey, 17)]
    [InlineData(TsigStatus.BadSig, 16)]
    public void TryWrite_ErrorResponseToBadKeyOrBadSig_UnsignedNotAuthWithError(TsigStatus status, ushort error)
    {
        TsigKey clientKey = TestKeys.Key(name: "Client-Key.");
        (byte[] request, byte[] requestMac) = SignRequest(Update(id: 0x7777), clientKey, T0);
        TsigKey serverKey = status == TsigStatus.BadKey ? TestKeys.Key(name: "other.") : TestKeys.Key(name: "client-key.", secret: TestKeys.OtherSecret);
        TsigVerifyResult verified = TsigVerifier.VerifyRequest(request, TestKeys.Ring(serverKey), T0);
        Assert.Equal(status, verified.Status);

        byte[] buffer = new byte[512];
        Assert.True(TsigErrorResponse.TryWrite(request, verified, buffer, T0 + 5, out int length));
        byte[] response = buffer[..length];

        Assert.True(DnsHeader.TryRead(response, out DnsHeader header));
        Assert.Equal(0x7777, header.Id);
        Assert.True(header.IsResponse);
        Assert.Equal(DnsOpcode.Update, header.Opcode);
        Assert.Equal((int)DnsRcode.NotAuth, header.Rcode);
        Assert.Equal(1, header.QuestionCount);
        Assert.Equal(0, header.AuthorityCount);
        Assert.Equal(1, header.AdditionalCount);
        TsigRecord record = TsigTestWire.Find(response);
        Assert.Equal("Client-Key.", record.OwnerName.ToString());
        Assert.Equal(error, record.Data.Error);
        Assert.True(record.Data.Mac.IsEmpty);
        Assert.Equal(T0 + 5, record.Data.TimeSigned);
        TsigVerifyResult seen = TsigVerifier.VerifyResponse(response, clientKey, requestMac, T0 + 5);
        Assert.Equal(TsigStatus.PeerError, seen.Status);
        Assert.Equal((DnsRcode)error, seen.Error);
    }

    [Fact]
    public void TryWrite_ErrorResponseWithEdns_OptBeforeTsigAndStillVerifiable()
    {
        // RFC 6891 §7: OPT back to a request that had one; RFC 8945 §5.3: TSIG stays last.
        TsigKey key = TestKeys.Key();
        (byte[] request, byte[] requestMac) = SignRequest(Update(), key, T0);
        TsigVerifyResult verified = TsigVerifier.VerifyRequest(request, TestKeys.Ring(key), T0 + 1000);

        byte[] buffer = new byte[512];
        Assert.True(TsigErrorResponse.TryWrite(request, verified, buffer, T0 + 1000, out int length, new EdnsRecord { UdpPayloadSize = 1232 }));
        DnsMessage parsed = DnsMessage.Parse(buffer.AsSpan(0, length));

        Assert.Equal(DnsRcode.NotAuth, parsed.Rcode);
        Assert.Equal(1232, parsed.Edns!.UdpPayloadSize);
        Assert.NotNull(parsed.Tsig);
        Assert.Equal(DnsRcode.BadTime, TsigVerifier.VerifyResponse(buffer.AsSpan(0, length), key, requestMac, T0).Error);
    }

    [Fact]
    public void TryWrite_ErrorResponseToBadTime_SignedWithRequestTimeAndServerTimeInOtherData()
    {
        TsigKey key = TestKeys.Key();
        (byte[] request, byte[] requestMac) = SignRequest(Update(), key, T0);
        TsigVerifyResult verified = TsigVerifier.VerifyRequest(request, TestKeys.Ring(key), T0 + 1000);
        Assert.Equal(TsigStatus.BadTime, verified.Status);

        byte[] buffer = new byte[512];
        Assert.True(TsigErrorResponse.TryWrite(request, verified, buffer, T0 + 1000, out int length));
        byte[] response = buffer[..length];

        Assert.Equal((ushort)DnsRcode.NotAuth, Rcode(response));
        TsigRdata tsig = TsigTestWire.Find(response).Data;
        Assert.Equal((ushort)DnsRcode.BadTime, tsig.Error);
        Assert.Equal(T0, tsig.TimeSigned);
        Assert.Equal("00006553f4e8", Convert.ToHexStringLower(tsig.OtherData));
        Assert.Equal(32, tsig.Mac.Length);
        // Signed: the client verifies the MAC (with its own clock) and then sees BADTIME.
        TsigVerifyResult seen = TsigVerifier.VerifyResponse(response, key, requestMac, T0);
        Assert.Equal(TsigStatus.PeerError, seen.Status);
        Assert.Equal(DnsRcode.BadTime, seen.Error);
    }

    [Fact]
    public void TrySignResponse_UnsignedRequest_Throws()
    {
        TsigVerifyResult unsigned = TsigVerifier.VerifyRequest(Update(), TestKeys.Ring(TestKeys.Key()), T0);
        byte[] buffer = new byte[512];
        Update().CopyTo(buffer, 0);

        Assert.Throws<InvalidOperationException>(() => TsigSigner.TrySignResponse(buffer, Update().Length, unsigned, T0, out _));
    }

    [Fact]
    public void TryWrite_ErrorResponseToValidRequest_Throws()
    {
        TsigKey key = TestKeys.Key();
        byte[] request = SignRequest(Update(), key, T0).Signed;
        TsigVerifyResult valid = TsigVerifier.VerifyRequest(request, TestKeys.Ring(key), T0);

        Assert.Throws<ArgumentException>(() => TsigErrorResponse.TryWrite(request, valid, new byte[512], T0, out _));
    }

    [Fact]
    public void VerifyResponse_ResponseKeyNameDiffers_BadKey()
    {
        TsigKey key = TestKeys.Key();
        (byte[] request, byte[] mac) = SignRequest(Update(), key, T0);
        TsigVerifyResult verified = TsigVerifier.VerifyRequest(request, TestKeys.Ring(key), T0);
        byte[] response = SignResponse(Response(request, []), verified, T0);

        TsigKey other = TestKeys.Key(name: "someone-else.");
        Assert.Equal(TsigStatus.BadKey, TsigVerifier.VerifyResponse(response, other, mac, T0).Status);
        Assert.True(TsigTestWire.Find(response).OwnerName.EqualsExact(DnsName.Parse("key-name.")));
    }
}
