using Microsoft.Extensions.DependencyInjection;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Tsig;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Hosting;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Tests.Processing;

/// <summary>TSIG on ordinary queries (RFC 8945 §5): verified, answered, the answer signed.</summary>
public partial class QueryProcessorTests
{
    private const string Secret = "c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0wMTIzNDU2Nzg5YWJjZGVm";
    private const string OtherSecret = "YW5vdGhlci1zZWNyZXQtdGhhdC1kb2VzLW5vdC1tYXRjaC0wMTIzNDU=";

    private static readonly TsigKey s_key = Key("query-key.", Secret);

    [Theory]
    [InlineData(DnsTransport.Udp)]
    [InlineData(DnsTransport.Tcp)]
    public void Process_SignedQuery_AnswerSignedWithRequestMacChained(DnsTransport transport)
    {
        using Harness h = SignedHarness();
        (byte[] query, byte[] mac) = Signed("host1.example.", RecordType.A, s_key, Now());

        byte[] reply = h.Send(query, transport)!;

        TsigVerifyResult check = TsigVerifier.VerifyResponse(reply, s_key, mac, Now());
        Assert.Equal(TsigStatus.Valid, check.Status);
        DnsMessage r = DnsMessage.Parse(reply);
        Assert.Equal(DnsRcode.NoError, r.Rcode);
        Assert.Equal("host1.example.\t3600\tIN\tA\t192.0.2.1", Assert.Single(r.Answers).ToString());
    }

    [Fact]
    public void Process_SignedNxDomain_AnswerSigned()
    {
        using Harness h = SignedHarness();
        (byte[] query, byte[] mac) = Signed("nope.chains.test.", RecordType.A, s_key, Now());

        byte[] reply = h.Send(query)!;

        Assert.Equal(TsigStatus.Valid, TsigVerifier.VerifyResponse(reply, s_key, mac, Now()).Status);
        Assert.Equal(DnsRcode.NxDomain, DnsMessage.Parse(reply).Rcode);
    }

    [Fact]
    public void Process_SignedQueryTruncatedOverUdp_TcSetAndStillSigned()
    {
        using Harness h = SignedHarness();
        (byte[] query, byte[] mac) = Signed("big.chains.test.", RecordType.TXT, s_key, Now(), edns: false);

        byte[] reply = h.Send(query)!;

        Assert.True(reply.Length <= 512);
        Assert.Equal(TsigStatus.Valid, TsigVerifier.VerifyResponse(reply, s_key, mac, Now()).Status);
        Assert.True(DnsMessage.Parse(reply).Header.Truncated);
    }

    [Fact]
    public void Process_UnknownKey_NotAuthWithUnsignedBadKey()
    {
        using Harness h = SignedHarness();
        TsigKey unknown = Key("stranger.", Secret);
        (byte[] query, byte[] mac) = Signed("host1.example.", RecordType.A, unknown, Now());

        byte[] reply = h.Send(query)!;

        DnsMessage r = DnsMessage.Parse(reply);
        Assert.Equal(DnsRcode.NotAuth, r.Rcode);
        Assert.Empty(r.Answers);
        TsigVerifyResult check = TsigVerifier.VerifyResponse(reply, unknown, mac, Now());
        Assert.Equal(TsigStatus.PeerError, check.Status);
        Assert.Equal(DnsRcode.BadKey, check.Error);
        Assert.True(check.Record!.Data.Mac.IsEmpty);
    }

    [Fact]
    public void Process_WrongSecret_NotAuthWithUnsignedBadSig()
    {
        using Harness h = SignedHarness();
        TsigKey forged = Key("query-key.", OtherSecret);
        (byte[] query, byte[] mac) = Signed("host1.example.", RecordType.A, forged, Now());

        byte[] reply = h.Send(query)!;

        Assert.Equal(DnsRcode.NotAuth, DnsMessage.Parse(reply).Rcode);
        TsigVerifyResult check = TsigVerifier.VerifyResponse(reply, forged, mac, Now());
        Assert.Equal(TsigStatus.PeerError, check.Status);
        Assert.Equal(DnsRcode.BadSig, check.Error);
    }

    [Fact]
    public void Process_ClockSkew_NotAuthWithSignedBadTimeCarryingOurTime()
    {
        using Harness h = SignedHarness();
        ulong then = Now() - 3600;
        (byte[] query, byte[] mac) = Signed("host1.example.", RecordType.A, s_key, then);

        byte[] reply = h.Send(query)!;

        Assert.Equal(DnsRcode.NotAuth, DnsMessage.Parse(reply).Rcode);

        // RFC 8945 §5.2.3: signed, time signed echoes the request's; other data is the server's clock.
        TsigVerifyResult check = TsigVerifier.VerifyResponse(reply, s_key, mac, then);
        Assert.Equal(TsigStatus.PeerError, check.Status);
        Assert.Equal(DnsRcode.BadTime, check.Error);
        Assert.Equal(then, check.Record!.Data.TimeSigned);
        Assert.Equal(6, check.Record.Data.OtherData.Length);
    }

    [Fact]
    public void Process_SignedQueryWithoutKeyRing_BadKey()
    {
        (byte[] query, _) = Signed("host1.example.", RecordType.A, s_key, Now());

        byte[] reply = _h.Send(query)!;

        Assert.Equal(DnsRcode.NotAuth, DnsMessage.Parse(reply).Rcode);
        Assert.True(TsigRecord.TryFind(reply, out TsigRecord? tsig));
        Assert.Equal((ushort)DnsRcode.BadKey, tsig!.Data.Error);
    }

    [Fact]
    public void Process_UnsignedAfterSigned_ContextResetAndAnswerUnsigned()
    {
        using Harness h = SignedHarness();
        h.Send(Signed("host1.example.", RecordType.A, s_key, Now()).Query);

        byte[] reply = h.Send(Harness.BuildQuery("host1.example.", RecordType.A))!;

        Assert.False(TsigRecord.TryFind(reply, out _));
        Assert.Single(DnsMessage.Parse(reply).Answers);
    }

    private static Harness SignedHarness()
    {
        var settings = new ServerSettings { Chaos = new ChaosSettings { Version = "SplitDns test" } };
        var h = new Harness(settings, s => s.AddSingleton<ITsigKeyRing>(new TsigKeyRing([s_key])));
        h.Catalog.Publish(Harness.LoadFixture("rfc4592.zone"));
        h.Catalog.Publish(Harness.LoadFixture("chains.cname.zone"));
        return h;
    }

    private static TsigKey Key(string name, string secret) =>
        TsigKey.FromBase64(name, TsigAlgorithm.TryParse("hmac-sha256", out TsigAlgorithm? a) ? a : throw new InvalidOperationException(), secret);

    private static (byte[] Query, byte[] Mac) Signed(string name, RecordType type, TsigKey key, ulong now, bool edns = true)
    {
        byte[] query = Harness.BuildQuery(name, type, edns: edns);
        byte[] buffer = new byte[query.Length + TsigSigner.MaxRecordLength(key.Name, key.Algorithm)];
        query.CopyTo(buffer, 0);
        byte[] mac = new byte[TsigAlgorithm.MaxMacLength];
        Assert.True(TsigSigner.TrySignRequest(buffer, query.Length, key, now, mac, out int length));
        return (buffer[..length], mac[..key.Algorithm.MacLength]);
    }

    private static ulong Now() => (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}
